/**
 * Group 5, retrieval quality at scale: the eval questions against the benchmark's BBC index with
 * hybrid retrieval, dense-only and BM25-only (the chunk retrieval step; sentence ranking is the same).
 */
import type { Corpus } from '../src/corpus/types';
import type { Engine } from '../src/engine';
import { evaluateQuestions, metricsOf } from '../src/eval/evaluate';
import { setQuestions } from '../src/eval/questions';
import type { EvalSet } from '../src/eval/sets';
import { round, type Table } from './stats';

export type RetrievalMode = 'hybrid' | 'dense' | 'lexical';
export const MODES: RetrievalMode[] = ['hybrid', 'dense', 'lexical'];

export interface ModeQuality {
  mode: RetrievalMode;
  answerable: number;
  recallAt1: number;
  recallAt3: number;
  /** Mean reciprocal rank of the first gold sentence over all ranked candidates (as `npm run eval`). */
  mrr: number;
  /** The same, counting only ranks ≤ 10 (comparable with the LangChain figure). */
  mrrAt10: number;
  /** 1-based rank of the first gold sentence per answerable question (null: not among the candidates). */
  goldRanks: (number | null)[];
}

export interface QualityFigures {
  set: string;
  index: string;
  documents: number;
  definition: string;
  modes: ModeQuality[];
  /** From the hybrid run's answers (what ask() gives: it always searches hybrid). */
  answers: {
    quoteExactness: number;
    quotesChecked: number;
    firstQuoteRight: number;
    answerableRefused: number;
    unanswerableRefused: number;
  };
}

export const QUALITY_DEFINITION =
  'hit = a gold sentence (same document; exact text, or one containing the other) among the top-k candidate sentences the ranker orders; MRR over the ranked candidate sentences';

export async function benchQuality(engine: Engine, set: EvalSet, corpus: Corpus, label: string): Promise<QualityFigures> {
  const modes: ModeQuality[] = [];
  let answers: QualityFigures['answers'] | null = null;
  for (const mode of MODES) {
    const run = await evaluateQuestions(engine, setQuestions(set), corpus, { mode });
    const metrics = metricsOf(run.results);
    const answerable = run.results.filter((r) => r.answerable);
    modes.push({
      mode,
      answerable: metrics.answerable,
      recallAt1: round(metrics.precisionAt1),
      recallAt3: round(metrics.recallAt3),
      mrr: round(metrics.mrr),
      mrrAt10: round(
        answerable.reduce((sum, r) => sum + (r.goldRank && r.goldRank <= 10 ? 1 / r.goldRank : 0), 0) / Math.max(1, answerable.length),
      ),
      goldRanks: answerable.map((r) => r.goldRank),
    });
    if (mode === 'hybrid') {
      answers = {
        quoteExactness: round(run.quoteExactness),
        quotesChecked: run.quotesChecked,
        firstQuoteRight: round(metrics.firstQuoteRight),
        answerableRefused: round(metrics.answerableRefused),
        unanswerableRefused: round(metrics.unanswerableRefused),
      };
    }
  }
  return {
    set: set.name,
    index: label,
    documents: engine.index.manifest.counts.documents,
    definition: QUALITY_DEFINITION,
    modes,
    answers: answers!,
  };
}

export function qualityTables(figures: QualityFigures[]): Table[] {
  return [
    {
      title: '5. Retrieval quality — eval questions against the whole index',
      columns: ['eval set / index', 'retrieval', 'questions', 'recall@1', 'recall@3', 'MRR', 'MRR@10'],
      rows: figures.flatMap((f) =>
        f.modes.map((m) => [
          `${f.set} → ${f.index}`,
          m.mode === 'lexical' ? 'BM25 only' : m.mode === 'dense' ? 'dense only' : 'hybrid (RRF)',
          m.answerable,
          m.recallAt1,
          m.recallAt3,
          m.mrr,
          m.mrrAt10,
        ]),
      ),
      notes: [
        QUALITY_DEFINITION,
        'mode = the chunk retrieval step (searchChunks); the sentences of the retrieved chunks are then scored the same way in every mode',
        "bbc.json's unanswerable questions were checked against its 225-article subset only: on a larger corpus some may be answerable, so abstention figures there are indicative",
        ...figures.map(
          (f) =>
            `${f.set} answers (hybrid ask()): quote exactness ${f.answers.quoteExactness} over ${f.answers.quotesChecked} quotes, first quote right ${f.answers.firstQuoteRight}, refused: answerable ${f.answers.answerableRefused} / unanswerable ${f.answers.unanswerableRefused}`,
        ),
      ],
    },
  ];
}
