/**
 * Group 3, index build: the BBC corpus with a cold embedding cache (chunks/s, total time, peak
 * RSS, size on disk), then an incremental rebuild after editing one article.
 */
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadEngineConfig } from '../src/config';
import type { BuildInput, BuildOutput } from './child/build-index';
import type { ChildReport } from './child/io';
import { runChild, type BenchContext } from './context';
import { mib, round, type Table } from './stats';

type BuildRun = BuildOutput & ChildReport & { wallMs: number };

export interface BuildFigures {
  corpus: string;
  workers: number;
  cold: BuildSummary;
  incremental: BuildSummary & { editedFile: string };
  indexBytes: number;
  indexFiles: Record<string, number>;
  cacheBytes: number;
}

export interface BuildSummary {
  documents: number;
  sentences: number;
  chunks: number;
  embedded: number;
  reused: number;
  /** Process spawn → exit (Node + tsx start, imports, corpus, encoder, build, index load). */
  wallSeconds: number;
  /** buildIndex alone (BuildReport.seconds): what chunks/s is computed from. */
  buildSeconds: number;
  chunksPerSecond: number;
  sentencesEmbeddedPerSecond: number;
  peakRssMiB: number;
  stagesMs: Record<string, number>;
}

/** Builds the BBC index with a cold cache, then again after editing one file. Returns the index folder. */
export async function benchBuild(context: BenchContext): Promise<{ figures: BuildFigures; indexDir: string }> {
  const workers = loadEngineConfig({}).embedWorkers;
  const input: BuildInput = {
    corpusDir: context.bbc.dir,
    indexDir: path.join(context.workDir, 'indexes', 'bbc'),
    cacheDir: path.join(context.workDir, 'cache-cold'),
    workers,
  };
  context.log(`  [3] cold build of ${context.bbc.label} with ${workers} embedding workers…`);
  const cold = await build(context, input);
  context.log(`      ${cold.buildSeconds.toFixed(1)} s, ${cold.chunks} chunks, ${cold.embedded} sentences embedded`);

  // Edit one article: one new sentence at the end of its last paragraph.
  appendFileSync(path.join(context.bbc.dir, context.bbc.editFile), ' The benchmark added this sentence to test incremental rebuilds.');
  context.log(`  [3] incremental rebuild after editing ${context.bbc.editFile}…`);
  const incremental = await build(context, input);

  // The live build's folder (earlier builds may still sit next to it).
  const indexBytes = dirBytes(incremental.indexDir);
  return {
    indexDir: input.indexDir,
    figures: {
      corpus: context.bbc.label,
      workers,
      cold: summary(cold),
      incremental: { ...summary(incremental), editedFile: context.bbc.editFile },
      indexBytes,
      indexFiles: { ...incremental.files, 'manifest.json': statSync(path.join(incremental.indexDir, 'manifest.json')).size },
      cacheBytes: dirBytes(input.cacheDir),
    },
  };
}

async function build(context: BenchContext, input: BuildInput): Promise<BuildRun> {
  const { wallMs, result } = await runChild<BuildOutput & ChildReport>(context, 'build-index', input);
  return { ...result, wallMs };
}

function summary(run: BuildRun): BuildSummary {
  return {
    documents: run.documents,
    sentences: run.sentences,
    chunks: run.chunks,
    embedded: run.embedded,
    reused: run.reused,
    wallSeconds: round(run.wallMs / 1000, 2),
    buildSeconds: round(run.buildSeconds, 2),
    chunksPerSecond: round(run.chunks / run.buildSeconds, 1),
    sentencesEmbeddedPerSecond: round(run.embedded / Math.max(1e-9, run.stages.embedMs / 1000), 1),
    peakRssMiB: mib(run.maxRssBytes),
    stagesMs: {
      processStart: round(run.startupMs, 0),
      loadCorpus: round(run.corpusLoadMs, 0),
      loadEncoder: round(run.embedderLoadMs, 0),
      prepare: round(run.stages.prepareMs, 0),
      cacheLookup: round(run.stages.cacheLookupMs, 0),
      embed: round(run.stages.embedMs, 0),
      hnswLexiconsWrite: round(run.stages.writeMs, 0),
    },
  };
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

export function buildTables(f: BuildFigures): Table[] {
  const row = (name: string, s: BuildSummary) => [
    name,
    s.documents,
    s.chunks,
    s.embedded,
    s.reused,
    s.buildSeconds,
    s.wallSeconds,
    s.chunksPerSecond,
    s.peakRssMiB,
  ];
  const stageNames = Object.keys(f.cold.stagesMs);
  return [
    {
      title: `3. Index build — ${f.corpus}, bundled encoder, ${f.workers} embedding worker threads`,
      columns: ['build', 'docs', 'chunks', 'embedded', 'from cache', 'build s', 'process s', 'chunks/s', 'peak RSS MiB'],
      rows: [row('cold cache (full build)', f.cold), row(`incremental (1 file edited)`, f.incremental)],
      notes: [
        `index on disk: ${mib(f.indexBytes)} MiB (${Object.entries(f.indexFiles)
          .map(([n, b]) => `${n} ${mib(b)}`)
          .join(', ')}); embedding cache: ${mib(f.cacheBytes)} MiB`,
        'build s = buildIndex (BuildReport.seconds); process s = child process spawn → exit, as `npm run index` (Node+tsx start, corpus, encoder load, build); chunks/s = chunks / build s',
        `edited file: ${f.incremental.editedFile}; peak RSS = the build process's maxRSS (worker threads included)`,
      ],
    },
    {
      title: '3b. Where build time goes (ms)',
      columns: ['build', ...stageNames],
      rows: [
        ['cold cache', ...stageNames.map((s) => f.cold.stagesMs[s])],
        ['incremental', ...stageNames.map((s) => f.incremental.stagesMs[s])],
      ],
      notes: [
        'prepare = reading the previous build, sentence split, features, dated events, chunking (unchanged articles reuse the previous build’s); hnswLexiconsWrite = HNSW build or update + BM25 lexicon + files + checksums',
      ],
    },
  ];
}
