import { writeFileSync, rmSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import hnswlib from 'hnswlib-node';
import type { Logger } from 'pino';
import type { Corpus } from '../corpus/types';
import { EmbeddingCache, embedWithCache, normalize, type Embedder } from '../embed';
import { chunkDocument, DEFAULT_CHUNKING } from '../text/chunks';
import { mentionsCause, mentionsPerson, mentionsQuantity } from '../text/features';
import { documentSentences } from '../text/sentences';
import type { Chunk, ChunkingOptions, Sentence } from '../text/types';
import { extractEvents, mergeEvents, type TimelineEvent } from '../timeline';
import { sha256 } from '../util/hash';
import { silentLogger } from '../util/log';
import { publishBuild, temporaryBuildDir } from './files';
import { createLexicon } from './lexicon';
import { encodeStore, FILES } from './store';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, type HnswParameters, type IndexedSentence, type Manifest } from './types';

// M=16 / efConstruction=200 / ef=64: recall@10 ≥ 0.99 against exact search at 100k vectors (npm run bench).
export const DEFAULT_HNSW: HnswParameters = { M: 16, efConstruction: 200, ef: 64 };
const HNSW_SEED = 100;

export type BuildProgress =
  | { stage: 'prepare'; documents: number; sentences: number; chunks: number }
  | { stage: 'embed'; done: number; total: number }
  | { stage: 'write' };

export interface BuildOptions {
  corpus: Corpus;
  embedder: Embedder;
  indexDir: string;
  /** Where embeddings are cached across builds; null keeps them in memory only. */
  cacheDir: string | null;
  chunking?: ChunkingOptions;
  hnsw?: HnswParameters;
  onProgress?: (progress: BuildProgress) => void;
  /** A faster encoder for large jobs (see embedWithCache). */
  bulkEmbedder?: (count: number) => Promise<Embedder | null>;
  log?: Logger;
}

export interface BuildReport {
  dir: string;
  manifest: Manifest;
  /** Sentences sent to the encoder in this build (the rest came from the cache). */
  embedded: number;
  reused: number;
  seconds: number;
}

/** Builds an index of `corpus` and makes it the live build of `indexDir`. */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const { corpus, embedder } = options;
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const hnswParameters = options.hnsw ?? DEFAULT_HNSW;
  const log = options.log ?? silentLogger;

  const sentences: IndexedSentence[] = [];
  const chunks: Chunk[] = [];
  const events: TimelineEvent[] = [];
  for (const doc of corpus.documents) {
    const docSentences = documentSentences(doc, sentences.length);
    const docEvents = extractEvents(doc, docSentences);
    const dated = new Set(docEvents.flatMap((event) => event.sentenceIds));
    for (const sentence of docSentences) sentences.push(withFeatures(sentence, dated.has(sentence.id)));
    chunks.push(...chunkDocument(doc.text, docSentences, chunking, chunks.length));
    events.push(...docEvents);
  }
  const timeline = mergeEvents(events);
  options.onProgress?.({ stage: 'prepare', documents: corpus.documents.length, sentences: sentences.length, chunks: chunks.length });

  const cache = EmbeddingCache.open(options.cacheDir, embedder.id, embedder.dimension);
  const { vectors, embedded, reused } = await embedWithCache(embedder, cache, sentences.map((s) => s.text), {
    onProgress: (progress) => options.onProgress?.({ stage: 'embed', ...progress }),
    bulkEmbedder: options.bulkEmbedder,
  });
  log.debug({ embedded, reused }, 'sentence embeddings ready');

  options.onProgress?.({ stage: 'write' });
  const dimension = embedder.dimension;
  const sentenceVectors = new Float32Array(sentences.length * dimension);
  vectors.forEach((vector, i) => sentenceVectors.set(vector, i * dimension));

  const tempDir = temporaryBuildDir(options.indexDir);
  try {
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dimension);
    hnsw.initIndex(Math.max(chunks.length, 1), hnswParameters.M, hnswParameters.efConstruction, HNSW_SEED);
    for (const chunk of chunks) hnsw.addPoint(Array.from(chunkVector(chunk, sentenceVectors, dimension)), chunk.id);
    await hnsw.writeIndex(path.join(tempDir, FILES.hnsw));

    const documentTitle = new Map(corpus.documents.map((d) => [d.id, d.title]));
    const chunkLexicon = createLexicon('chunks', chunks.map((c) => ({ id: c.id, text: c.text, title: documentTitle.get(c.docId)! })));

    writeFileSync(path.join(tempDir, FILES.vectors), new Uint8Array(sentenceVectors.buffer));
    writeFileSync(path.join(tempDir, FILES.store), encodeStore(corpus.documents, sentences, chunks));
    writeFileSync(path.join(tempDir, FILES.chunkLexicon), JSON.stringify(chunkLexicon));
    writeFileSync(path.join(tempDir, FILES.events), JSON.stringify(timeline));

    const manifest: Manifest = {
      format: INDEX_FORMAT,
      formatVersion: INDEX_FORMAT_VERSION,
      model: { id: embedder.id, dimension },
      corpus: { dir: corpus.dir, hash: corpus.hash, skipped: corpus.skipped },
      chunking,
      hnsw: { space: 'cosine', ...hnswParameters },
      counts: { documents: corpus.documents.length, sentences: sentences.length, chunks: chunks.length, events: timeline.length },
      versions: packageVersions(),
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
      files: Object.fromEntries(
        Object.values(FILES).filter((name) => name !== FILES.manifest).map((name) => {
          const file = path.join(tempDir, name);
          return [name, { bytes: statSync(file).size, sha256: sha256(readFileSync(file)) }];
        }),
      ),
    };
    writeFileSync(path.join(tempDir, FILES.manifest), JSON.stringify(manifest, null, 2));
    const dir = publishBuild(options.indexDir, tempDir);
    return { dir, manifest, embedded, reused, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

function withFeatures(sentence: Sentence, hasDate: boolean): IndexedSentence {
  const { text } = sentence;
  return { ...sentence, hasDate, hasPerson: mentionsPerson(text), hasCause: mentionsCause(text), hasNumber: mentionsQuantity(text) };
}

/** A chunk's vector: the normalised mean of its sentences' vectors (one encoder pass per sentence, not two). */
function chunkVector(chunk: Chunk, sentenceVectors: Float32Array, dimension: number): Float32Array {
  const sum = new Float32Array(dimension);
  for (const id of chunk.sentenceIds) {
    const offset = id * dimension;
    for (let k = 0; k < dimension; k++) sum[k]! += sentenceVectors[offset + k]!;
  }
  return normalize(sum);
}

const require = createRequire(import.meta.url);

/** A dependency's installed version, found next to its entry point (not every package exports package.json). */
function installedVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    } catch {
      // not this folder: keep walking up
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

function packageVersions(): Record<string, string> {
  return {
    'story-qa': (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
    'hnswlib-node': installedVersion('hnswlib-node'),
    minisearch: installedVersion('minisearch'),
    node: process.versions.node,
  };
}
