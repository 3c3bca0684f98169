import { readFileSync } from 'node:fs';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { TimelineEvent } from '../timeline/types';
import { StoryQaError } from '../util/errors';
import { sha256 } from '../util/hash';
import { currentBuildDir } from './files';
import { loadLexicon } from './lexicon';
import { decodeStore, FILES } from './store';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, type IndexedSentence, type Manifest, type SearchIndex } from './types';

export type IndexProblem = 'missing' | 'corrupt' | 'incompatible';

/** An index that cannot be used as it is; `problem` says why, the hint says what to do. */
export class IndexError extends StoryQaError {
  override readonly name = 'IndexError';
  constructor(
    readonly problem: IndexProblem,
    message: string,
  ) {
    super(message, { hint: problem === 'missing' ? 'Build one with `npm run index`.' : 'Rebuild it with `npm run index`.' });
  }
}

/** Reads only the manifest of the live build, or null when there is no index yet. */
export function readManifest(indexDir: string): Manifest | null {
  const dir = currentBuildDir(indexDir);
  if (!dir) return null;
  return parseManifest(dir);
}

/**
 * Loads the live build of `indexDir`, checking every file against the manifest so that a
 * truncated or edited file is reported as such instead of producing wrong answers.
 */
export async function loadIndex(indexDir: string): Promise<SearchIndex> {
  const dir = currentBuildDir(indexDir);
  if (!dir) throw new IndexError('missing', `No index in ${indexDir}.`);
  const manifest = parseManifest(dir);
  const read = (name: string) => readBuildFile(dir, manifest, name);

  try {
    const { documents, sentences, chunks, chunkLabels, terms } = decodeStore(read(FILES.store).toString('utf8'));
    const vectorBytes = read(FILES.vectors);
    const { dimension } = manifest.model;
    if (vectorBytes.length !== sentences.length * dimension * 4) {
      throw new IndexError('corrupt', `Sentence vectors in ${dir} do not match the sentence count.`);
    }
    const sentenceVectors = floatView(vectorBytes, sentences.length * dimension);

    read(FILES.hnsw);
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dimension);
    await hnsw.readIndex(path.join(dir, FILES.hnsw));
    // readIndex resets ef to 10; the manifest's value is what recall was measured with.
    hnsw.setEf(manifest.hnsw.ef);
    if (hnsw.getCurrentCount() !== chunks.length + manifest.hnsw.deleted) {
      throw new IndexError('corrupt', `HNSW index in ${dir} holds ${hnsw.getCurrentCount()} vectors for ${chunks.length} chunks.`);
    }

    const chunkLexicon = loadLexicon('chunks', read(FILES.chunkLexicon).toString('utf8'));
    const events = JSON.parse(read(FILES.events).toString('utf8')) as TimelineEvent[];

    return {
      dir,
      manifest,
      documents,
      documentById: new Map(documents.map((d) => [d.id, d])),
      sentences,
      chunks,
      chunkIdByLabel: new Map(chunkLabels.map((label, id) => [label, id])),
      sentenceVectors,
      hnsw,
      chunkLexicon,
      documentSentences: sentenceRanges(sentences),
      terms,
      events,
    };
  } catch (error) {
    if (error instanceof IndexError) throw error;
    throw new IndexError('corrupt', `Index in ${dir} cannot be read: ${(error as Error).message}.`);
  }
}

/** A file of a build, checked against the size and checksum its manifest records. */
export function readBuildFile(dir: string, manifest: Manifest, name: string): Buffer {
  const expected = manifest.files[name];
  if (!expected) throw new IndexError('corrupt', `Index manifest in ${dir} does not list ${name}.`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(dir, name));
  } catch {
    throw new IndexError('corrupt', `Index file ${name} is missing from ${dir}.`);
  }
  if (bytes.length !== expected.bytes || sha256(bytes) !== expected.sha256) {
    throw new IndexError('corrupt', `Index file ${name} in ${dir} is damaged (size or checksum differs from the manifest).`);
  }
  return bytes;
}

export function parseManifest(dir: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, FILES.manifest), 'utf8')) as Manifest;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new IndexError(
      missing ? 'missing' : 'corrupt',
      `Index manifest ${path.join(dir, FILES.manifest)} ${missing ? 'is missing' : 'is not valid JSON'}.`,
    );
  }
  if (manifest?.format !== INDEX_FORMAT || typeof manifest.model?.id !== 'string' || !manifest.files || !manifest.hnsw) {
    throw new IndexError('corrupt', `${path.join(dir, FILES.manifest)} is not a story-qa index manifest.`);
  }
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexError(
      'incompatible',
      `Index in ${dir} has format version ${manifest.formatVersion}; this version reads ${INDEX_FORMAT_VERSION}.`,
    );
  }
  return manifest;
}

function sentenceRanges(sentences: IndexedSentence[]): Map<string, { first: number; end: number }> {
  const ranges = new Map<string, { first: number; end: number }>();
  for (const sentence of sentences) {
    const range = ranges.get(sentence.docId);
    if (range) range.end = sentence.id + 1;
    else ranges.set(sentence.docId, { first: sentence.id, end: sentence.id + 1 });
  }
  return ranges;
}

/** The bytes as floats: a view when they start on a 4-byte boundary (a large file read whole does), else a copy. */
function floatView(bytes: Buffer, length: number): Float32Array {
  if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, length);
  const copy = new Float32Array(length);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}
