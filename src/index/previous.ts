import path from 'node:path';
import type { TimelineEvent } from '../timeline/types';
import { currentBuildDir } from './files';
import { parseManifest, readBuildFile } from './load';
import { decodeStore, FILES, type DecodedStore } from './store';
import type { Manifest } from './types';

/** The live build of an index folder, as a rebuild reuses it: what it computed per document, and its graph. */
export interface PreviousBuild extends DecodedStore {
  manifest: Manifest;
  events: TimelineEvent[];
  hnswFile: string;
  /** The saved BM25 lexicon of the chunks (read on demand: only an updated graph can reuse it). */
  readChunkLexicon(): string;
}

/**
 * The previous build, or null when there is none or it cannot be trusted (damaged, or from
 * another format): then the rebuild simply starts from nothing.
 */
export function readPreviousBuild(indexDir: string): PreviousBuild | null {
  try {
    const dir = currentBuildDir(indexDir);
    if (!dir) return null;
    const manifest = parseManifest(dir);
    const store = decodeStore(readBuildFile(dir, manifest, FILES.store).toString('utf8'));
    const events = JSON.parse(readBuildFile(dir, manifest, FILES.events).toString('utf8')) as TimelineEvent[];
    readBuildFile(dir, manifest, FILES.hnsw);
    return {
      ...store,
      manifest,
      events,
      hnswFile: path.join(dir, FILES.hnsw),
      readChunkLexicon: () => readBuildFile(dir, manifest, FILES.chunkLexicon).toString('utf8'),
    };
  } catch {
    return null;
  }
}
