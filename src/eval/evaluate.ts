import { evidenceOf } from '../answer/abstain';
import { composeAnswer, rankSentences } from '../answer/ask';
import type { Corpus } from '../corpus/types';
import type { Engine } from '../engine/types';
import type { ChunkSearchOptions } from '../index/search';
import type { EvalSet } from './sets';

export interface QuestionResult {
  question: string;
  answerable: boolean;
  /** 1-based rank of the first gold sentence among the ranked candidates, or null. */
  goldRank: number | null;
  answered: boolean;
  evidence: number;
  top: string;
}

export interface EvalReport {
  name: string;
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  /** Share of shown quotes that are exactly the corpus file's text at their offsets. */
  quoteExactness: number;
  quotesChecked: number;
  /** Abstaining is the positive class: precision = abstentions that were right. */
  abstention: { precision: number; recall: number };
  /** Answerable questions answered with a gold sentence among the citations. */
  answeredCorrectly: number;
  results: QuestionResult[];
}

/**
 * Runs an eval set: retrieval quality from the ranking, abstention from the answers, and
 * quote exactness checked against the corpus as loaded from disk (not the index's copy).
 * Answers are composed from the ranking measured, so `search` options apply to them too.
 */
export async function evaluate(engine: Engine, set: EvalSet, corpus: Corpus, search: ChunkSearchOptions = {}): Promise<EvalReport> {
  const texts = new Map(corpus.documents.map((d) => [d.id, d.text]));
  const results: QuestionResult[] = [];
  let exact = 0;
  let checked = 0;
  let answeredCorrectly = 0;

  const all = [
    ...set.answerable.map((q) => ({ ...q, answerable: true as const })),
    ...set.unanswerable.map((q) => ({ question: q.question, docId: '', gold: [] as string[], answerable: false as const })),
  ];
  for (const item of all) {
    const ranking = await rankSentences(engine, item.question, search);
    const isGold = (docId: string, text: string) =>
      docId === item.docId && item.gold.some((g) => g === text || g.includes(text) || text.includes(g));
    const position = ranking.scored.findIndex((s) => isGold(s.sentence.docId, s.sentence.text));
    // The answer is composed from the same ranking, as ask() would: one embedding per question.
    const answer = composeAnswer(engine, ranking);
    for (const citation of answer.citations) {
      checked++;
      if (texts.get(citation.docId)?.slice(citation.start, citation.end) === citation.quote) exact++;
    }
    if (item.answerable && answer.answered && answer.citations.some((c) => isGold(c.docId, c.quote))) answeredCorrectly++;
    results.push({
      question: item.question,
      answerable: item.answerable,
      goldRank: position >= 0 ? position + 1 : null,
      answered: answer.answered,
      evidence: evidenceOf(ranking.scored),
      top: ranking.scored[0]?.sentence.text ?? '',
    });
  }

  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const abstained = results.filter((r) => !r.answered);
  const rightAbstentions = abstained.filter((r) => !r.answerable).length;
  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    name: set.name,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    recallAt1: share(answerable.filter((r) => r.goldRank === 1).length, answerable.length),
    recallAt3: share(answerable.filter((r) => r.goldRank !== null && r.goldRank <= 3).length, answerable.length),
    mrr: share(answerable.reduce((sum, r) => sum + (r.goldRank ? 1 / r.goldRank : 0), 0), answerable.length),
    quoteExactness: share(exact, checked),
    quotesChecked: checked,
    abstention: { precision: share(rightAbstentions, abstained.length), recall: share(rightAbstentions, unanswerable.length) },
    answeredCorrectly: share(answeredCorrectly, answerable.length),
    results,
  };
}

export interface Calibration {
  threshold: number;
  /** Shares at that threshold, from evidence alone (before the unknown-name rule). */
  answerableAnswered: number;
  unanswerableAbstained: number;
}

/**
 * The abstention threshold: the highest that still answers `targetAnswered` of the answerable
 * questions. Refusing a question the corpus answers costs a user more than showing the
 * closest passages, clearly labelled, for one it does not; so the threshold is set from the
 * answerable side, and what it catches on the unanswerable side is reported, not optimised.
 */
export function calibrateThreshold(results: QuestionResult[], targetAnswered = 0.95): Calibration {
  const answerable = results.filter((r) => r.answerable).map((r) => r.evidence).sort((a, b) => a - b);
  const unanswerable = results.filter((r) => !r.answerable).map((r) => r.evidence);
  const mayRefuse = Math.floor(answerable.length * (1 - targetAnswered));
  // Rounded down to two decimals: a threshold between observed values, never above the one kept.
  const threshold = Math.floor((answerable[mayRefuse] ?? 0) * 100) / 100;
  return {
    threshold,
    answerableAnswered: answerable.filter((e) => e >= threshold).length / Math.max(1, answerable.length),
    unanswerableAbstained: unanswerable.filter((e) => e < threshold).length / Math.max(1, unanswerable.length),
  };
}
