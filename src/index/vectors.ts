import { dot } from '../embed/vectors';
import type { SearchIndex } from './types';

/**
 * Reading an index's sentence vectors by sentence id: the row-major layout
 * (`id * dimension`) stays inside the index stage.
 */

/** Sentence `id`'s unit vector (a view, not a copy). */
export function sentenceVector(index: SearchIndex, id: number): Float32Array {
  const { dimension } = index.manifest.model;
  return index.sentenceVectors.subarray(id * dimension, (id + 1) * dimension);
}

/** Cosine similarity of sentence `id` to a unit vector of the same model. */
export function sentenceSimilarity(index: SearchIndex, id: number, vector: Float32Array): number {
  return dot(vector, index.sentenceVectors, id * index.manifest.model.dimension);
}

/** Cosine similarity of two sentences of the index. */
export function sentencePairSimilarity(index: SearchIndex, a: number, b: number): number {
  return sentenceSimilarity(index, b, sentenceVector(index, a));
}

/** Per document, in corpus order: its id, title, date and how many chunks and sentences it has. */
export function documentSummaries(
  index: SearchIndex,
): { id: string; title: string; date: string | null; url: string | null; chunks: number; sentences: number }[] {
  const chunks = new Map<string, number>();
  for (const chunk of index.chunks) chunks.set(chunk.docId, (chunks.get(chunk.docId) ?? 0) + 1);
  return index.documents.map((doc) => {
    const range = index.documentSentences.get(doc.id);
    return {
      id: doc.id,
      title: doc.title,
      date: doc.date,
      url: doc.url,
      chunks: chunks.get(doc.id) ?? 0,
      sentences: range ? range.end - range.first : 0,
    };
  });
}
