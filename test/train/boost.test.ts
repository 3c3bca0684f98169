import { describe, expect, it } from 'vitest';
import { treeScore } from '../../src/answer/rank';
import { fitTrees, type Group } from '../../src/train/boost';

/** Candidates whose gold one is told apart by an interaction: feature 0 matters only when feature 1 is set. */
function groups(count: number, seed = 1): Group[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const kind = random() < 0.5 ? 1 : 0;
    const rows = Array.from({ length: 20 }, () => Float64Array.from([random(), kind, random()]));
    // With kind 1 the gold candidate has the highest feature 0; with kind 0, the highest feature 2.
    const by = kind ? 0 : 2;
    const best = rows.reduce((b, row, i) => (row[by]! > rows[b]![by]! ? i : b), 0);
    return { rows, gold: rows.map((_, i) => i === best), weight: 1 };
  });
}

describe('the boosted tree ranker', () => {
  it('learns a ranking a single linear score could not: which feature decides depends on another', () => {
    const model = fitTrees(groups(300), ['a', 'kind', 'b'], { rounds: 60, depth: 3, learningRate: 0.3 });
    const held = groups(200, 7);
    const right = held.filter((g) => {
      const scores = g.rows.map((row) => treeScore(model, row));
      return g.gold[scores.indexOf(Math.max(...scores))];
    }).length;
    expect(right / held.length).toBeGreaterThan(0.8);
  });

  it('ignores questions with no gold candidate and writes a model that names its features', () => {
    const model = fitTrees([...groups(50), { rows: [Float64Array.from([1, 1, 1])], gold: [false], weight: 1 }], ['a', 'kind', 'b'], {
      rounds: 5,
      depth: 2,
      learningRate: 0.1,
    });
    expect(model.kind).toBe('trees');
    expect(model.features).toEqual(['a', 'kind', 'b']);
    expect(model.trees).toHaveLength(5);
  });
});
