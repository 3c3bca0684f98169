import { describe, expect, it } from 'vitest';
import { committedRanker, treeScore, type TreeModel, type TreeNode } from '../../src/answer/rank';

/** The definition: walk each tree's JSON, left when the feature is below the threshold; sum the leaves. */
function reference(model: TreeModel, values: readonly number[]): number {
  let score = 0;
  for (let node of model.trees as TreeNode[]) {
    while ('feature' in node) node = values[node.feature]! < node.threshold ? node.left : node.right;
    score += node.value;
  }
  return model.learningRate * score;
}

describe('treeScore', () => {
  it('scores exactly as walking the trees’ JSON does (the committed ranker, 2,000 random candidates)', () => {
    const model = committedRanker();
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 0.5;
    for (let i = 0; i < 2000; i++) {
      const values = model.features.map(() => random());
      expect(treeScore(model, values)).toBe(reference(model, values));
    }
  });

  it('reads a one-split tree', () => {
    const model: TreeModel = {
      kind: 'trees',
      features: ['a'],
      learningRate: 0.5,
      trees: [{ feature: 0, threshold: 1, left: { value: -2 }, right: { value: 4 } }, { value: 1 }],
    };
    expect(treeScore(model, [0])).toBe(0.5 * (-2 + 1));
    expect(treeScore(model, [1])).toBe(0.5 * (4 + 1));
  });
});
