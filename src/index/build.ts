import { writeFileSync, rmSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type MiniSearch from 'minisearch';
import type { Logger } from 'pino';
import type { Corpus, Document } from '../corpus/types';
import { EmbeddingCache, embedWithCache, normalize, type Embedder } from '../embed';
import { chunkDocument, DEFAULT_CHUNKING } from '../text/chunks';
import { documentSentences } from '../text/sentences';
import type { Chunk, ChunkingOptions, SentenceAnalysis } from '../text/types';
import { extractEvents, mergeEvents, type TimelineEvent } from '../timeline';
import { sha256 } from '../util/hash';
import { silentLogger } from '../util/log';
import { publishBuild, temporaryBuildDir } from './files';
import { buildChunkGraph, type ChunkGraph } from './graph';
import { readPreviousBuild, type PreviousBuild, type PreviousStatus } from './previous';
import { createLexicon, LexiconMismatchError, updateLexicon, type LexiconRecord } from './lexicon';
import { IndexError } from './load';
import { encodeStore, FILES } from './store';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, type HnswParameters, type IndexedFile, type IndexedSentence, type Manifest } from './types';

// Measured with `npm run bench` (recall@10 against exact search): ef 64 gives 0.990 at 100k
// vectors but 0.984 with tight near-duplicate clusters; ef 128 gives 0.992–0.999 for ~0.1 ms more.
export const DEFAULT_HNSW: HnswParameters = { M: 16, efConstruction: 200, ef: 128 };

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
  onProgress?: ((progress: BuildProgress) => void) | undefined;
  /** A faster encoder for large jobs (see embedWithCache). */
  bulkEmbedder?: ((count: number) => Promise<Embedder | null>) | undefined;
  log?: Logger;
}

export interface BuildReport {
  dir: string;
  manifest: Manifest;
  /** Sentences sent to the encoder in this build (the rest came from the cache). */
  embedded: number;
  reused: number;
  /** Chunks added to the HNSW graph (all of them unless the previous build's graph was reused). */
  chunksAdded: number;
  /** Whether the previous build's work was reused; when refused, why (a 6 s rebuild becoming a 6 min one says so here). */
  previous: PreviousStatus;
  /** The chunks' BM25 lexicon: brought up to date from the previous build, or indexed again. */
  lexicon: 'updated' | 'rebuilt';
  seconds: number;
}

/** Bumped when sentence splitting, sentence features or event extraction change what a build computes. */
const PIPELINE_VERSION = '2';

/**
 * Builds an index of `corpus` and makes it the live build of `indexDir`. Work is reused from the
 * previous build where its inputs are unchanged: the sentences and events of unchanged
 * articles, the embeddings of known sentences (cache), and the HNSW graph around unchanged chunks.
 */
export async function buildIndex(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const { corpus, embedder } = options;
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const hnswParameters = options.hnsw ?? DEFAULT_HNSW;
  const log = options.log ?? silentLogger;
  const { previous, status: previousStatus } = reusablePrevious(readPreviousBuild(options.indexDir), embedder, chunking, hnswParameters);
  if (typeof previousStatus === 'object')
    log.warn(`the previous build is not reused (${previousStatus.rejected}): everything is computed again`);

  const { sentences, chunks, timeline, unanalysed } = prepare(corpus, chunking, previous);
  options.onProgress?.({ stage: 'prepare', documents: corpus.documents.length, sentences: sentences.length, chunks: chunks.length });

  const cache = EmbeddingCache.open(options.cacheDir, embedder.id, embedder.dimension);
  // The encoder works in worker threads for large builds: the analysis runs meanwhile on this one.
  const [{ vectors, embedded, reused }] = await Promise.all([
    embedWithCache(
      embedder,
      cache,
      sentences.map((s) => s.text),
      {
        onProgress: (progress) => options.onProgress?.({ stage: 'embed', ...progress }),
        bulkEmbedder: options.bulkEmbedder,
      },
    ),
    analyseSentences(corpus, sentences, unanalysed),
  ]);
  log.debug({ embedded, reused, analysed: unanalysed.size }, 'sentence embeddings and analysis ready');

  options.onProgress?.({ stage: 'write' });
  const dimension = embedder.dimension;
  const sentenceVectors = new Float32Array(sentences.length * dimension);
  vectors.forEach((vector, i) => sentenceVectors.set(vector, i * dimension));

  const tempDir = temporaryBuildDir(options.indexDir);
  try {
    const graph = await buildChunkGraph(
      chunks,
      (chunk) => chunkVector(chunk, sentenceVectors, dimension),
      dimension,
      hnswParameters,
      previous && { file: previous.hnswFile, chunks: previous.chunks, labels: previous.chunkLabels, ...previous.manifest.hnsw },
    );
    log.debug({ added: graph.added, deleted: graph.deleted }, 'chunk graph ready');
    const files: Record<string, IndexedFile> = {};
    // Checksums of what is written are taken from memory: reading 100+ MB back costs more than hashing.
    const write = (name: string, data: string | Uint8Array) => {
      writeFileSync(path.join(tempDir, name), data);
      files[name] = { bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, sha256: sha256(data) };
    };
    await graph.hnsw.writeIndex(path.join(tempDir, FILES.hnsw));
    const graphBytes = readFileSync(path.join(tempDir, FILES.hnsw));
    files[FILES.hnsw] = { bytes: graphBytes.length, sha256: sha256(graphBytes) };

    write(FILES.vectors, new Uint8Array(sentenceVectors.buffer));
    write(FILES.store, encodeStore(corpus.documents, sentences, chunks, graph.labels));
    const chunkLexicon = chunkLexiconOf(corpus.documents, chunks, graph, previous, log);
    write(FILES.chunkLexicon, JSON.stringify(chunkLexicon.lexicon));
    write(FILES.events, JSON.stringify(timeline));

    const manifest: Manifest = {
      format: INDEX_FORMAT,
      formatVersion: INDEX_FORMAT_VERSION,
      model: { id: embedder.id, dimension },
      corpus: { dir: corpus.dir, hash: corpus.hash, skipped: corpus.skipped },
      chunking,
      hnsw: { space: 'cosine', ...hnswParameters, deleted: graph.deleted, nextLabel: graph.nextLabel },
      counts: { documents: corpus.documents.length, sentences: sentences.length, chunks: chunks.length, events: timeline.length },
      versions: { ...packageVersions(), pipeline: PIPELINE_VERSION },
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
      files,
    };
    writeFileSync(path.join(tempDir, FILES.manifest), JSON.stringify(manifest, null, 2));
    const dir = publishBuild(options.indexDir, tempDir);
    return {
      dir,
      manifest,
      embedded,
      reused,
      chunksAdded: graph.added,
      previous: previousStatus,
      lexicon: chunkLexicon.status,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * BM25 over the chunks, keyed by HNSW label. When the graph was updated in place, labels are
 * stable, so the previous lexicon is updated with the changed chunks instead of indexing all again.
 */
function chunkLexiconOf(
  documents: Document[],
  chunks: Chunk[],
  graph: ChunkGraph,
  previous: PreviousBuild | null,
  log: Logger,
): { lexicon: MiniSearch; status: 'updated' | 'rebuilt' } {
  const records = (docs: Document[], list: Chunk[], labels: number[]): LexiconRecord[] => {
    const titles = new Map(docs.map((d) => [d.id, d.title]));
    return list.map((chunk) => ({ id: labels[chunk.id]!, text: chunk.text, title: titles.get(chunk.docId)! }));
  };
  const current = records(documents, chunks, graph.labels);
  if (graph.updated && previous) {
    try {
      const lexicon = updateLexicon(
        'chunks',
        previous.readChunkLexicon(),
        records(previous.documents, previous.chunks, previous.chunkLabels),
        current,
      );
      return { lexicon, status: 'updated' };
    } catch (error) {
      // A saved lexicon that cannot be read or does not match what it should hold.
      if (!(error instanceof IndexError || error instanceof LexiconMismatchError || error instanceof SyntaxError)) throw error;
      log.warn(`the saved BM25 lexicon cannot be updated (${error.message}): indexing every chunk again`);
    }
  }
  return { lexicon: createLexicon('chunks', current), status: 'rebuilt' };
}

/** The previous build, if its work can be reused: same model, chunking, graph parameters and pipeline. */
function reusablePrevious(
  read: ReturnType<typeof readPreviousBuild>,
  embedder: Embedder,
  chunking: ChunkingOptions,
  hnsw: HnswParameters,
): { previous: PreviousBuild | null; status: PreviousStatus } {
  const { previous } = read;
  if (!previous) return { previous: null, status: 'status' in read ? read.status : 'none' };
  const { manifest } = previous;
  const same =
    manifest.model.id === embedder.id &&
    manifest.model.dimension === embedder.dimension &&
    manifest.versions.pipeline === PIPELINE_VERSION &&
    JSON.stringify(manifest.chunking) === JSON.stringify(chunking) &&
    manifest.hnsw.M === hnsw.M &&
    manifest.hnsw.efConstruction === hnsw.efConstruction;
  return same
    ? { previous, status: 'reused' }
    : { previous: null, status: { rejected: 'it was built with another model, chunking, graph parameters or pipeline version' } };
}

/**
 * Sentences, chunks and dated events of every document. An article whose text, title and date
 * are unchanged since the previous build takes its sentences (with their analysis) and events
 * from it, renumbered: date extraction and sentence analysis are the costly parts of this step.
 * The documents whose sentences still need analysing are returned in `unanalysed`.
 */
function prepare(corpus: Corpus, chunking: ChunkingOptions, previous: PreviousBuild | null) {
  const earlier = previousDocuments(previous);
  const sentences: IndexedSentence[] = [];
  const chunks: Chunk[] = [];
  const events: TimelineEvent[] = [];
  const unanalysed = new Set<string>();
  for (const doc of corpus.documents) {
    const first = sentences.length;
    const known = earlier.get(doc.id);
    if (known && known.doc.text === doc.text && known.doc.title === doc.title && known.doc.date === doc.date) {
      const shift = first - known.first;
      for (const sentence of known.sentences) sentences.push({ ...sentence, id: sentence.id + shift });
      for (const event of known.events) events.push({ ...event, sentenceIds: event.sentenceIds.map((id) => id + shift) });
    } else {
      const docSentences = documentSentences(doc, first);
      events.push(...extractEvents(doc, docSentences));
      for (const sentence of docSentences) sentences.push({ ...sentence, analysis: NOT_ANALYSED });
      unanalysed.add(doc.id);
    }
    chunks.push(...chunkDocument(doc.text, sentences.slice(first), chunking, chunks.length));
  }
  return { sentences, chunks, timeline: mergeEvents(events), unanalysed };
}

const NOT_ANALYSED: SentenceAnalysis = Object.freeze({ entities: [], definitions: [], roles: [] });

/**
 * Analyses the sentences of the given documents in place, one document per turn of the event
 * loop, so that the embedding workers are fed between documents.
 */
async function analyseSentences(corpus: Corpus, sentences: IndexedSentence[], docIds: ReadonlySet<string>): Promise<void> {
  if (docIds.size === 0) return;
  const { analyzeDocument } = await import('../text/analysis');
  const byDocument = new Map<string, IndexedSentence[]>();
  for (const sentence of sentences) {
    if (!docIds.has(sentence.docId)) continue;
    const list = byDocument.get(sentence.docId);
    if (list) list.push(sentence);
    else byDocument.set(sentence.docId, [sentence]);
  }
  for (const doc of corpus.documents) {
    const own = byDocument.get(doc.id);
    if (!own) continue;
    analyzeDocument(doc.text, own).forEach((analysis, i) => (own[i]!.analysis = analysis));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function previousDocuments(previous: PreviousBuild | null) {
  const byId = new Map<string, { doc: Document; first: number; sentences: IndexedSentence[]; events: TimelineEvent[] }>();
  if (!previous) return byId;
  const sentencesOf = new Map<string, IndexedSentence[]>();
  for (const sentence of previous.sentences) {
    const list = sentencesOf.get(sentence.docId);
    if (list) list.push(sentence);
    else sentencesOf.set(sentence.docId, [sentence]);
  }
  const eventsOf = new Map<string, TimelineEvent[]>();
  for (const event of previous.events) eventsOf.set(event.docId, [...(eventsOf.get(event.docId) ?? []), event]);
  for (const doc of previous.documents) {
    const docSentences = sentencesOf.get(doc.id) ?? [];
    if (docSentences.length === 0) continue;
    byId.set(doc.id, { doc, first: docSentences[0]!.id, sentences: docSentences, events: eventsOf.get(doc.id) ?? [] });
  }
  return byId;
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
