import type { Document } from '../corpus/types';
import { contentTerms } from '../text/terms';
import type { Chunk } from '../text/types';
import type { IndexedSentence } from './types';

/** The files of one build. */
export const FILES = {
  manifest: 'manifest.json',
  store: 'store.json',
  vectors: 'sentence-vectors.f32',
  hnsw: 'chunks.hnsw',
  chunkLexicon: 'bm25-chunks.json',
  events: 'events.json',
} as const;

/**
 * Documents in full; sentences and chunks as offsets only, since their text is a slice of the
 * document text (which also keeps every quote traceable to the text it was checked against).
 */
interface StoreFile {
  documents: Document[];
  /** [document index, paragraph, start, end, feature bits] */
  sentences: [number, number, number, number, number][];
  /** [first sentence id, sentence count] */
  chunks: [number, number][];
  /** The HNSW label of each chunk: stable across incremental builds, so the graph can be reused. */
  chunkLabels: number[];
  /** Content term → number of sentences holding it. */
  documentFrequency: Record<string, number>;
}

const HAS_DATE = 1;
const HAS_PERSON = 2;
const HAS_CAUSE = 4;
const HAS_NUMBER = 8;

export function encodeStore(documents: Document[], sentences: IndexedSentence[], chunks: Chunk[], chunkLabels: number[]): string {
  const docIndex = new Map(documents.map((d, i) => [d.id, i]));
  const file: StoreFile = {
    documents,
    sentences: sentences.map((s) => [
      docIndex.get(s.docId)!,
      s.paragraph,
      s.start,
      s.end,
      (s.hasDate ? HAS_DATE : 0) | (s.hasPerson ? HAS_PERSON : 0) | (s.hasCause ? HAS_CAUSE : 0) | (s.hasNumber ? HAS_NUMBER : 0),
    ]),
    chunks: chunks.map((c) => [c.sentenceIds[0]!, c.sentenceIds.length]),
    chunkLabels,
    documentFrequency: countDocumentFrequency(sentences),
  };
  return JSON.stringify(file);
}

export class StoreFormatError extends Error {}

function countDocumentFrequency(sentences: IndexedSentence[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of new Set(contentTerms(sentence.text))) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return Object.fromEntries(counts);
}

export interface DecodedStore {
  documents: Document[];
  sentences: IndexedSentence[];
  chunks: Chunk[];
  chunkLabels: number[];
  documentFrequency: Map<string, number>;
}

export function decodeStore(json: string): DecodedStore {
  const file = JSON.parse(json) as StoreFile;
  if (!Array.isArray(file.documents) || !Array.isArray(file.sentences) || !Array.isArray(file.chunks)) {
    throw new StoreFormatError('store.json lacks documents, sentences or chunks');
  }
  const { documents } = file;
  const sentences: IndexedSentence[] = file.sentences.map(([docIndex, paragraph, start, end, bits], id) => {
    const doc = documents[docIndex];
    if (!doc || !(start >= 0 && start < end && end <= doc.text.length)) {
      throw new StoreFormatError(`sentence ${id} points outside its document`);
    }
    return {
      id,
      docId: doc.id,
      paragraph,
      start,
      end,
      text: doc.text.slice(start, end),
      hasDate: (bits & HAS_DATE) !== 0,
      hasPerson: (bits & HAS_PERSON) !== 0,
      hasCause: (bits & HAS_CAUSE) !== 0,
      hasNumber: (bits & HAS_NUMBER) !== 0,
    };
  });
  const textOf = new Map(documents.map((d) => [d.id, d.text]));
  const chunks: Chunk[] = file.chunks.map(([first, count], id) => {
    const members = sentences.slice(first, first + count);
    if (members.length !== count || count === 0) throw new StoreFormatError(`chunk ${id} points outside the sentences`);
    const start = members[0]!.start;
    const end = members[count - 1]!.end;
    const docId = members[0]!.docId;
    return { id, docId, sentenceIds: members.map((s) => s.id), start, end, text: textOf.get(docId)!.slice(start, end) };
  });
  if (!Array.isArray(file.chunkLabels) || file.chunkLabels.length !== chunks.length)
    throw new StoreFormatError('chunk labels do not match the chunks');
  return {
    documents,
    sentences,
    chunks,
    chunkLabels: file.chunkLabels,
    documentFrequency: new Map(Object.entries(file.documentFrequency ?? {})),
  };
}
