import { dot } from '../embed';
import { createLexicon } from '../index/lexicon';
import type { RankedChunk } from '../index/search';
import type { IndexedSentence, SearchIndex } from '../index/types';
import { contentTerms } from '../text/terms';
import type { Question } from './question';

export interface ScoredSentence {
  sentence: IndexedSentence;
  score: number;
  /** Cosine similarity of sentence and question. */
  dense: number;
  /** BM25 of the sentence among the candidates, relative to the best candidate's (0..1). */
  lexical: number;
  /** Share of the question's content terms (IDF-weighted) found in the sentence or its chunk. */
  coverage: number;
}

// Weights of the sentence score. Dense similarity leads; BM25 among the candidates and the
// coverage of the question's terms add the evidence dense search misses (names, numbers); the
// document's fused rank favours the article the question is about; the answer-type bonus
// breaks near-ties. Grid-searched on both eval sets (MRR): the optimum is flat, within ±0.02
// MRR for lexical 0.3–0.7, type 0.08–0.3, coverage 0.2–0.35; a chunk-rank term did not help.
export const WEIGHTS = { dense: 1, lexical: 0.5, document: 0.15, type: 0.15, coverage: 0.2 };

/** Every sentence of these many best documents is a candidate, not only those of retrieved chunks. */
const TOP_DOCUMENTS = 2;

/** Scores the sentences of the retrieved chunks and of the best documents against the question. */
export function scoreSentences(index: SearchIndex, question: Question, queryVector: Float32Array, chunks: RankedChunk[]): ScoredSentence[] {
  if (chunks.length === 0) return [];
  const { dimension } = index.manifest.model;
  const topChunkScore = chunks[0]!.score;
  const candidates = new Set<number>();
  const documentPrior = new Map<string, number>();
  for (const ranked of chunks) {
    for (const id of ranked.chunk.sentenceIds) candidates.add(id);
    documentPrior.set(ranked.chunk.docId, Math.max(documentPrior.get(ranked.chunk.docId) ?? 0, ranked.score / topChunkScore));
  }
  // The answer is often in the right article but not in its best-matching chunk.
  const bestDocuments = [...documentPrior.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_DOCUMENTS);
  for (const [docId] of bestDocuments) {
    const { first, end } = index.documentSentences.get(docId)!;
    for (let id = first; id < end; id++) candidates.add(id);
  }

  // BM25 among the candidates only: a name found in every sentence of the article (its subject)
  // says little about which sentence answers, so it weighs little here.
  const candidateIds = [...candidates];
  const lexicon = createLexicon(
    'sentences',
    candidateIds.map((id) => ({ id, text: index.sentences[id]!.text })),
  );
  const bm25 = new Map(lexicon.search(question.text).map((hit) => [hit.id as number, hit.score]));
  const bestBm25 = Math.max(0, ...bm25.values());
  const termWeights = idfWeights(index, question.terms);

  return candidateIds
    .map((id) => {
      const sentence = index.sentences[id]!;
      const dense = dot(queryVector, index.sentenceVectors, id * dimension);
      const lexical = bestBm25 > 0 ? (bm25.get(id) ?? 0) / bestBm25 : 0;
      const coverage = coverageOf(contextTerms(index, sentence), termWeights);
      const score =
        WEIGHTS.dense * dense +
        WEIGHTS.lexical * lexical +
        WEIGHTS.document * (documentPrior.get(sentence.docId) ?? 0) +
        WEIGHTS.coverage * coverage +
        (matchesType(question, sentence) ? WEIGHTS.type : 0);
      return { sentence, score, dense, lexical, coverage };
    })
    .sort((a, b) => b.score - a.score);
}

function matchesType(question: Question, sentence: IndexedSentence): boolean {
  switch (question.type) {
    case 'when':
      return sentence.hasDate;
    case 'who':
      return sentence.hasPerson;
    case 'why':
      return sentence.hasCause;
    case 'quantity':
      return sentence.hasNumber;
    default:
      return false;
  }
}

/** A sentence's terms with its neighbours': pronouns and ellipses are resolved by what comes just before. */
function contextTerms(index: SearchIndex, sentence: IndexedSentence): Set<string>[] {
  const context = [sentenceTerms(index, sentence.id)];
  for (const id of [sentence.id - 1, sentence.id + 1]) {
    if (index.sentences[id]?.docId === sentence.docId) context.push(sentenceTerms(index, id));
  }
  return context;
}

// Content terms of each sentence, computed on first use and kept with the loaded index: the same
// sentences come back as candidates and neighbours question after question.
const termsByIndex = new WeakMap<SearchIndex, Set<string>[]>();

function sentenceTerms(index: SearchIndex, id: number): Set<string> {
  let terms = termsByIndex.get(index);
  if (!terms) termsByIndex.set(index, (terms = []));
  return (terms[id] ??= new Set(contentTerms(index.sentences[id]!.text)));
}

export interface SelectionOptions {
  max: number;
  /** A further sentence must score at least this share of the best one's score. */
  relativeFloor: number;
  /** Sentences more similar than this to one already chosen say the same thing. */
  redundancy: number;
}

export const DEFAULT_SELECTION: SelectionOptions = { max: 4, relativeFloor: 0.8, redundancy: 0.85 };

/** The best 1–4 sentences that do not repeat each other. */
export function selectSentences(
  index: SearchIndex,
  scored: ScoredSentence[],
  options: SelectionOptions = DEFAULT_SELECTION,
): ScoredSentence[] {
  const { dimension } = index.manifest.model;
  const chosen: ScoredSentence[] = [];
  for (const candidate of scored) {
    if (chosen.length >= options.max) break;
    if (chosen.length > 0 && candidate.score < options.relativeFloor * chosen[0]!.score) break;
    const vector = index.sentenceVectors.subarray(candidate.sentence.id * dimension, (candidate.sentence.id + 1) * dimension);
    const repeats = chosen.some(
      (c) =>
        c.sentence.text === candidate.sentence.text || dot(vector, index.sentenceVectors, c.sentence.id * dimension) > options.redundancy,
    );
    if (!repeats) chosen.push(candidate);
  }
  return chosen;
}

/** Rare terms count more: "Ware" says more about a sentence than "election" does in this story. */
function idfWeights(index: SearchIndex, terms: string[]): Map<string, number> {
  const total = index.sentences.length;
  const weights = new Map<string, number>();
  for (const term of new Set(terms)) {
    const df = index.documentFrequency.get(term) ?? 0;
    weights.set(term, Math.log(1 + (total + 1) / (df + 1)));
  }
  return weights;
}

function coverageOf(context: Set<string>[], termWeights: Map<string, number>): number {
  let total = 0;
  let found = 0;
  for (const [term, weight] of termWeights) {
    total += weight;
    if (context.some((terms) => terms.has(term))) found += weight;
  }
  return total > 0 ? found / total : 0;
}
