import path from 'node:path';
import type { TimelineEvent } from '../timeline/types';
import { currentBuildDir } from './files';
import { IndexError, parseManifest, readBuildFile } from './load';
import { decodeStore, FILES, StoreFormatError, type DecodedStore } from './store';
import type { Manifest } from './types';

/** The live build of an index folder, as a rebuild reuses it: what it computed per document, and its graph. */
export interface PreviousBuild extends DecodedStore {
  manifest: Manifest;
  events: TimelineEvent[];
  hnswFile: string;
  /** The saved BM25 lexicon of the chunks (read on demand: only an updated graph can reuse it). */
  readChunkLexicon(): string;
}

/** What became of the previous build: reused, absent, or refused with the reason (which the build report carries). */
export type PreviousStatus = 'reused' | 'none' | { rejected: string };

/**
 * The previous build, or why there is none to reuse. A damaged one or one from another format
 * is refused with its reason and the rebuild starts from nothing; any other failure (a
 * permission error, say) is not expected and propagates.
 */
export function readPreviousBuild(indexDir: string): { previous: PreviousBuild } | { previous: null; status: PreviousStatus } {
  const dir = currentBuildDir(indexDir);
  if (!dir) return { previous: null, status: 'none' };
  try {
    const manifest = parseManifest(dir);
    const store = decodeStore(readBuildFile(dir, manifest, FILES.store).toString('utf8'));
    const events = JSON.parse(readBuildFile(dir, manifest, FILES.events).toString('utf8')) as TimelineEvent[];
    readBuildFile(dir, manifest, FILES.hnsw);
    return {
      previous: {
        ...store,
        manifest,
        events,
        hnswFile: path.join(dir, FILES.hnsw),
        readChunkLexicon: () => readBuildFile(dir, manifest, FILES.chunkLexicon).toString('utf8'),
      },
    };
  } catch (error) {
    if (error instanceof IndexError || error instanceof StoreFormatError || error instanceof SyntaxError) {
      return { previous: null, status: { rejected: error.message } };
    }
    throw error;
  }
}
