import type { HierarchicalNSW } from 'hnswlib-node';
import type MiniSearch from 'minisearch';
import type { Document } from '../corpus/types';
import type { Chunk, ChunkingOptions, Sentence, SentenceAnalysis } from '../text/types';
import type { TermStatistics } from './store';
import type { TimelineEvent } from '../timeline/types';

export const INDEX_FORMAT = 'story-qa-index';
export const INDEX_FORMAT_VERSION = 5;

export interface HnswParameters {
  M: number;
  efConstruction: number;
  /** Search-time breadth; hnswlib does not store it, so it is applied again after every load. */
  ef: number;
}

export interface IndexedFile {
  bytes: number;
  sha256: string;
}

/** Everything needed to trust, reuse or refuse an index, in `manifest.json`. */
export interface Manifest {
  format: typeof INDEX_FORMAT;
  formatVersion: number;
  model: { id: string; dimension: number };
  corpus: { dir: string; hash: string; skipped: { path: string; reason: string }[] };
  chunking: ChunkingOptions;
  /** `deleted`: slots of chunks removed by incremental builds, still in the graph file. */
  hnsw: HnswParameters & { space: 'cosine'; deleted: number; nextLabel: number };
  counts: { documents: number; sentences: number; chunks: number; events: number };
  versions: Record<string, string>;
  builtAt: string;
  buildMs: number;
  files: Record<string, IndexedFile>;
}

/** A sentence with what build-time analysis found in it (entities, definitions, roles). */
export type IndexedSentence = Sentence & { analysis: SentenceAnalysis };

/** A loaded index, ready to search. Immutable once loaded: a rebuild produces a new one. */
export interface SearchIndex {
  dir: string;
  manifest: Manifest;
  documents: Document[];
  documentById: Map<string, Document>;
  sentences: IndexedSentence[];
  chunks: Chunk[];
  /** HNSW labels are stable ids, not positions: label → chunk id. */
  chunkIdByLabel: Map<number, number>;
  /** Unit sentence vectors, row-major: sentence i at `i * dimension`. */
  sentenceVectors: Float32Array;
  hnsw: HierarchicalNSW;
  /** BM25 over chunks; its ids are HNSW labels too, so it can be updated in place by a rebuild. */
  chunkLexicon: MiniSearch;
  /** Each document's sentences are consecutive: ids first..end-1. */
  documentSentences: Map<string, { first: number; end: number }>;
  /** Per content term: in how many sentences it occurs (for IDF weights), how often it is written as a name. */
  terms: Map<string, TermStatistics>;
  events: TimelineEvent[];
}
