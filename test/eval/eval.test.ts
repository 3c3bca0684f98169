import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import type { Engine } from '../../src/engine';
import { evaluateQuestions, metricsOf, type EvalRun, type Metrics } from '../../src/eval/evaluate';
import { setQuestions, squadQuestions } from '../../src/eval/questions';
import { EVAL_DIR, materializeCorpus, readEvalSet } from '../../src/eval/sets';
import { readSquad } from '../../src/eval/squad';
import { bbcEngine, bbcFreshEngine, squadEngine, storyEngine } from '../support/engines';
import { BBC_MISSING, BBC_SUBSET, HAS_BBC, HAS_SQUAD, REPO_ROOT, SQUAD_MISSING } from '../support/paths';

/**
 * Quality floors, a little under what `npm run eval` measures with the bundled encoder (the
 * README's "Evaluation" section has the figures and how the sets were made). Only the test
 * halves count: the tuning halves were looked at and trained on. A change that loses answer
 * quality, lets a non-verbatim quote through, or stops refusing what the corpus does not answer
 * fails here.
 */
const engines: Engine[] = [];
afterAll(() => Promise.all(engines.map((e) => e.embedder.close())));

async function runSet(name: string, open: () => Promise<Engine>): Promise<EvalRun> {
  const set = readEvalSet(path.join(EVAL_DIR, `${name}.json`), REPO_ROOT);
  const engine = await open();
  engines.push(engine);
  return evaluateQuestions(engine, setQuestions(set), await loadCorpus(materializeCorpus(set, BBC_SUBSET)));
}

const testHalf = (run: EvalRun): Metrics => metricsOf(run.results.filter((r) => r.split === 'test'));
const nearTopic = (run: EvalRun) => run.results.filter((r) => r.split === 'test' && !r.answerable && r.type !== 'other');

describe('answer quality on fresh chat-style questions about the story (test half)', () => {
  let run: EvalRun;
  let test: Metrics;
  beforeAll(async () => {
    run = await runSet('story-fresh', storyEngine);
    test = testHalf(run);
  });

  it('answers with a first quote that holds the answer for nearly every question', () => {
    expect(test.answerable).toBe(15);
    expect(test.firstQuoteRight).toBeGreaterThanOrEqual(0.8);
    expect(test.answerableRefused).toBeLessThanOrEqual(0.1);
  });

  it('answers "what is this story about" with the story’s lead', () => {
    const overview = run.results.filter((r) => r.type === 'overview');
    expect(overview.length).toBeGreaterThan(0);
    for (const r of overview) expect(r.firstQuoteRight, r.question).toBe(true);
  });

  it('refuses questions about facts the story leaves out, and ones made only of mentions', () => {
    expect(nearTopic(run).filter((r) => !r.answered).length).toBeGreaterThanOrEqual(3);
    expect(run.results.find((r) => r.question.startsWith('<@'))?.intent).toBe('invalid');
  });

  it('shows only verbatim quotes', () => {
    expect(run.quotesChecked).toBeGreaterThan(30);
    expect(run.quoteExactness).toBe(1);
  });
});

describe('answer quality on the older story set (written before, trained on)', () => {
  it('keeps its figures', async () => {
    const run = await runSet('story', storyEngine);
    const m = metricsOf(run.results);
    expect(m.precisionAt1).toBeGreaterThanOrEqual(0.75);
    expect(m.recallAt3).toBeGreaterThanOrEqual(0.85);
    expect(run.quoteExactness).toBe(1);
    expect(run.results.find((r) => r.question === 'What is the capital of Australia?')?.answered).toBe(false);
  });
});

describe.skipIf(!HAS_BBC)('answer quality on fresh chat-style questions over 300 BBC articles (test half)', () => {
  let run: EvalRun;
  let test: Metrics;
  beforeAll(async () => {
    run = await runSet('bbc-fresh', bbcFreshEngine);
    test = testHalf(run);
  });

  it('finds the right article and, most of the time, the sentence that holds the detail asked', () => {
    expect(test.answerable).toBe(60);
    expect(test.rightDocument).toBeGreaterThanOrEqual(0.85);
    expect(test.firstQuoteRight).toBeGreaterThanOrEqual(0.6);
    expect(test.recallAt3).toBeGreaterThanOrEqual(0.75);
  });

  it('rarely refuses an answerable question, and refuses some near-topic unanswerable ones', () => {
    expect(test.answerableRefused).toBeLessThanOrEqual(0.1);
    expect(nearTopic(run).filter((r) => !r.answered).length).toBeGreaterThanOrEqual(3);
  });

  it('shows only verbatim quotes', () => {
    expect(run.quoteExactness).toBe(1);
  });
});

describe.skipIf(!HAS_BBC)('answer quality on the older BBC set (225 articles; trained on)', () => {
  it('keeps its figures and refuses off-topic questions', async () => {
    const run = await runSet('bbc', bbcEngine);
    const m = metricsOf(run.results);
    expect(m.recallAt3).toBeGreaterThanOrEqual(0.6);
    expect(run.quoteExactness).toBe(1);
    expect(run.results.find((r) => r.question.includes('banana bread'))?.answered).toBe(false);
  });
});
describe.skipIf(HAS_BBC)(BBC_MISSING, () => it.skip('needs the BBC articles', () => {}));

describe.skipIf(!HAS_SQUAD)('sentence selection on the SQuAD 2.0 part’s test articles (never trained on)', () => {
  let test: Metrics;
  beforeAll(async () => {
    const engine = await squadEngine();
    engines.push(engine);
    const squad = readSquad(BBC_SUBSET);
    const questions = squadQuestions(squad.questions.filter((q) => q.split === 'test'));
    test = metricsOf((await evaluateQuestions(engine, questions, await loadCorpus(squad.corpusDir))).results);
  });

  it('ranks first a sentence holding the gold answer more often than a BM25 sentence ranker, in the same run', () => {
    expect(test.answerable).toBeGreaterThan(600);
    // Measured 1.04× (63.6 % vs 61.0 %, 2026-12-02); the 1.15× is not reached yet.
    expect(test.precisionAt1).toBeGreaterThanOrEqual(1.02 * test.baseline.precisionAt1);
    expect(test.mrr).toBeGreaterThan(test.baseline.mrr);
  });

  it('refuses few answerable questions', () => {
    expect(test.answerableRefused).toBeLessThanOrEqual(0.1);
  });
});
describe.skipIf(HAS_SQUAD)(SQUAD_MISSING, () => it.skip('needs the SQuAD part', () => {}));
