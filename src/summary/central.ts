import { sentencePairSimilarity } from '../index/vectors';
import type { IndexedSentence, SearchIndex } from '../index/types';

/**
 * The sentences a summary quotes: a lead (what the story says first) and the most central
 * distinct sentences after it, by TextRank over sentence vectors: a sentence is central when
 * many others say something similar. Lines that are not statements (signatures of embedded
 * posts, bylines, lines that only introduce a quotation, fragments) are left out.
 */

/** PageRank damping, as in the TextRank paper. */
const DAMPING = 0.85;
const ITERATIONS = 30;
/** Two sentences more similar than this say the same thing: only the first is quoted. */
const REDUNDANT = 0.8;
/** Fragments ("We did it right.") are not summary material. */
const MIN_WORDS = 6;

export interface CentralOptions {
  /** How many sentences after the lead (default 2). */
  extra?: number;
}

/** Lead plus central sentences of `pool` (in the order given: documents, then positions), best first after the lead. */
export function centralSentences(index: SearchIndex, pool: readonly IndexedSentence[], options: CentralOptions = {}): IndexedSentence[] {
  const usable = pool.filter(isStatement);
  if (usable.length === 0) return pool.slice(0, 1);
  const lead = usable[0]!;
  const rank = textRank(index, usable);
  const chosen = [lead];
  const order = usable.map((_, i) => i).sort((a, b) => rank[b]! - rank[a]!);
  for (const i of order) {
    if (chosen.length > (options.extra ?? 2)) break;
    const candidate = usable[i]!;
    if (chosen.some((c) => c.id === candidate.id || similarity(index, c, candidate) > REDUNDANT)) continue;
    chosen.push(candidate);
  }
  return chosen;
}

function isStatement(sentence: IndexedSentence): boolean {
  const { roles } = sentence.analysis;
  if (roles.includes('signature') || roles.includes('byline') || roles.includes('introduction')) return false;
  return sentence.text.split(/\s+/).length >= MIN_WORDS;
}

function similarity(index: SearchIndex, a: IndexedSentence, b: IndexedSentence): number {
  return sentencePairSimilarity(index, a.id, b.id);
}

/** PageRank on the graph whose edge weights are the (positive) cosine similarities of the sentences. */
function textRank(index: SearchIndex, sentences: readonly IndexedSentence[]): number[] {
  const n = sentences.length;
  const weights = sentences.map((a) => sentences.map((b) => (a === b ? 0 : Math.max(0, similarity(index, a, b)))));
  const outgoing = weights.map((row) => row.reduce((sum, w) => sum + w, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    rank = rank.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < n; j++) if (outgoing[j]! > 0) incoming += (weights[j]![i]! / outgoing[j]!) * rank[j]!;
      return (1 - DAMPING) / n + DAMPING * incoming;
    });
  }
  return rank;
}
