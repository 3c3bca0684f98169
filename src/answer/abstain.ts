import type { SearchIndex } from '../index/types';
import { normalizeTerm, tokenize } from '../text/terms';
import type { Question } from './question';
import { INTENTS } from './question';
import { checkModel, FEATURES, linearScore, sigmoid, type LinearModel, type Ranking } from './rank';
import trained from './rank/abstainer.json' with { type: 'json' };

/**
 * Whether the corpus answers a question, from what the ranking found: how well the best
 * sentence matches (ranker score, similarity, the asked words it holds), whether it holds the
 * kind of value asked for, next to the asked words, and how much of the question the corpus has
 * never heard of. A logistic regression trained by `npm run train` on answerable and
 * unanswerable chat-style questions turns these into a probability; the threshold is chosen there
 * on out-of-fold probabilities (see abstainer.json). Boosted trees were tried: with ~130
 * unanswerable questions to learn from they overfit (24.6 % of them refused out-of-fold at the
 * same 2.6 % of answerable ones refused, against 36 % for the logistic regression).
 */
export const ABSTENTION_FEATURES = [
  /** The ranker's score of the best sentence. */
  'topScore',
  /** How far ahead of the second it is. */
  'margin',
  /** Cosine similarity of the best sentence. */
  'topDense',
  /** The best cosine similarity among the first five. */
  'bestDense',
  /** Share of the focus words (with expansions) the best sentence holds. */
  'topFocus',
  /** The same share over the best sentence and its neighbours. */
  'topFocusContext',
  /** Share of the topic words the best sentence holds. */
  'topTopic',
  /** The question asks for a kind of value and none of the first three sentences holds one. */
  'answerTypeMissing',
  /** It asks for a kind of value and no candidate holds one next to an asked word. */
  'answerTypeNowhereNearFocus',
  /** The best focus share (with expansions) of any candidate: the asked words appear somewhere at all. */
  'bestFocus',
  /** The ranker's softmax probability of its best sentence: how sure it is of the choice. */
  'topProbability',
  /** Share of the question's term weight the corpus has never seen. */
  'unknownShare',
  /** Capitalised names of the question the corpus never mentions (0, 1, 2+). */
  'unknownNames',
  /** The question's content words (more words, more evidence needed). */
  'termCount',
  /** The best sentence holds a value of the asked type next to an asked word. */
  'topNextToFocus',
  /** Share of the question's names the best sentence's article mentions. */
  'topDocumentNames',
  /** IDF-weighted share of the question's words the best sentence's article holds. */
  'topDocumentCoverage',
  // How the question was read: a "how much" question and a "why" question need different evidence.
  ...INTENTS.map((intent) => `intent:${intent}` as const),
] as const;

export interface Verdict {
  answered: boolean;
  /** The model's probability that the corpus answers the question. */
  probability: number;
  /** Names in the question that no indexed article contains ("Georgia", "Congress"). */
  unknownNames: string[];
}

/** The committed abstention model, checked on first use (so `npm run train` runs even when it is stale). */
let committed: { model: LinearModel; threshold: number } | null = null;
function committedAbstainer(): { model: LinearModel; threshold: number } {
  committed ??= { model: checkModel(trained.model as LinearModel, 'linear', ABSTENTION_FEATURES), threshold: trained.threshold };
  return committed;
}

/** The abstention model's inputs for a ranking. */
export function abstentionFeatures(index: SearchIndex, ranking: Ranking): Float64Array {
  const { candidates, resolved, question } = ranking;
  const top = candidates[0];
  const feature = (name: string) => (top ? top.features[FEATURE_INDEX.get(name)!]! : 0);
  const values: Record<(typeof ABSTENTION_FEATURES)[number], number> = {
    topScore: top?.score ?? -10,
    margin: top && candidates[1] ? top.score - candidates[1].score : 0,
    topDense: top?.dense ?? 0,
    bestDense: Math.max(0, ...candidates.slice(0, 5).map((c) => c.dense)),
    topFocus: feature('focusExpanded'),
    topFocusContext: feature('focusContext'),
    topTopic: feature('topic'),
    answerTypeMissing:
      question.answerTypes.length > 0 && candidates.slice(0, 3).every((c) => c.features[FEATURE_INDEX.get('answerType')!] === 0) ? 1 : 0,
    answerTypeNowhereNearFocus:
      question.answerTypes.length > 0 && candidates.every((c) => c.features[FEATURE_INDEX.get('answerTypeNearFocus')!] === 0) ? 1 : 0,
    bestFocus: Math.max(0, ...candidates.map((c) => c.features[FEATURE_INDEX.get('focusExpanded')!]!)),
    topProbability: softmaxTop(candidates.map((c) => c.score)),
    unknownShare: resolved.unknownShare,
    unknownNames: Math.min(2, namesNotInCorpus(index, question).length),
    termCount: Math.min(8, resolved.terms.length) / 8,
    topNextToFocus: feature('answerTypeNextToFocus'),
    topDocumentNames: feature('documentNames'),
    topDocumentCoverage: feature('documentCoverage'),
    ...(Object.fromEntries(INTENTS.map((intent) => [`intent:${intent}`, question.intent === intent ? 1 : 0])) as Record<
      `intent:${(typeof INTENTS)[number]}`,
      number
    >),
  };
  return Float64Array.from(ABSTENTION_FEATURES, (name) => values[name]);
}

function softmaxTop(scores: number[]): number {
  if (scores.length === 0) return 0;
  const max = Math.max(...scores);
  const sum = scores.reduce((total, s) => total + Math.exp(s - max), 0);
  return 1 / sum;
}

/** Decides whether to answer: the model's probability, and no name the corpus has never seen. */
export function judge(
  index: SearchIndex,
  ranking: Ranking,
  model: { model: LinearModel; threshold: number } = committedAbstainer(),
): Verdict {
  const unknownNames = namesNotInCorpus(index, ranking.question);
  const probability = ranking.candidates.length ? sigmoid(linearScore(model.model, abstentionFeatures(index, ranking))) : 0;
  return { answered: unknownNames.length === 0 && probability >= model.threshold, probability, unknownNames };
}

/**
 * Capitalised words after the first (names, places, organisations) whose term occurs in no
 * sentence of the corpus. A question about Georgia cannot be answered by articles that never
 * mention Georgia, however similar the rest of it sounds.
 */
export function namesNotInCorpus(index: SearchIndex, question: Question): string[] {
  const names = new Set<string>();
  const words = question.text.split(/\s+/).slice(1);
  for (const word of words) {
    for (const token of tokenize(word)) {
      if (!/^\p{Lu}/u.test(token) || token === 'I') continue;
      const term = normalizeTerm(token);
      if (term && !index.terms.has(term)) names.add(token);
    }
  }
  return [...names];
}

const FEATURE_INDEX = new Map<string, number>(FEATURES.map((name, i) => [name, i]));
