import type { SearchIndex } from '../index/types';
import { normalizeTerm, tokenize } from '../text/terms';
import type { Question } from './question';
import type { ScoredSentence } from './select';

/**
 * Abstain below this evidence (see evidenceOf). Calibrated with `npm run eval -- --calibrate`
 * as the highest threshold that still answers 95% of the answerable eval questions (story and
 * BBC sets together): below it, answers are rare and the quotes rarely help.
 */
export const ABSTAIN_THRESHOLD = 0.41;
export const COVERAGE_WEIGHT = 0.3;
/** How many of the best-ranked sentences the dense evidence looks at. */
const EVIDENCE_DEPTH = 5;

export interface Verdict {
  answered: boolean;
  evidence: number;
  /** Names in the question that no indexed article contains ("Georgia", "Congress"). */
  unknownNames: string[];
}

/**
 * Evidence that the corpus answers the question: the best cosine similarity among the top
 * sentences plus the share of the question's terms (IDF-weighted) the best one covers. Raw
 * cosine alone is a poor judge with this encoder (a question about "Bryan Ware" scores 0.2
 * against the sentence naming him), so term coverage carries part of the weight.
 */
export function evidenceOf(scored: ScoredSentence[]): number {
  if (scored.length === 0) return 0;
  const dense = Math.max(...scored.slice(0, EVIDENCE_DEPTH).map((s) => s.dense));
  return dense + COVERAGE_WEIGHT * scored[0]!.coverage;
}

/** Decides whether to answer: enough evidence, and no name the corpus has never seen. */
export function judge(index: SearchIndex, question: Question, scored: ScoredSentence[]): Verdict {
  const evidence = evidenceOf(scored);
  const unknownNames = namesNotInCorpus(index, question.text);
  return { answered: unknownNames.length === 0 && evidence >= ABSTAIN_THRESHOLD, evidence, unknownNames };
}

/**
 * Capitalised words after the first (names, places, organisations) whose term occurs in no
 * sentence of the corpus. A question about Georgia cannot be answered by articles that never
 * mention Georgia, however similar the rest of it sounds.
 */
export function namesNotInCorpus(index: SearchIndex, text: string): string[] {
  const names = new Set<string>();
  const words = text.split(/\s+/).slice(1);
  for (const word of words) {
    for (const token of tokenize(word)) {
      if (!/^\p{Lu}/u.test(token) || token === 'I') continue;
      const term = normalizeTerm(token);
      if (term && !index.documentFrequency.has(term)) names.add(token);
    }
  }
  return [...names];
}
