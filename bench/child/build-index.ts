/**
 * One index build, as `npm run index` does it (buildCorpusIndex: worker pool for large jobs,
 * embedding cache, the previous build reused), timed by stage.
 */
import { loadCorpus } from '../../src/corpus/load';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import { buildCorpusIndex } from '../../src/engine';
import type { BuildProgress } from '../../src/index/build';
import { silentLogger } from '../../src/util/log';
import { childMain } from './io';

export interface BuildInput {
  corpusDir: string;
  indexDir: string;
  cacheDir: string;
  workers: number;
}

export interface BuildOutput {
  corpusLoadMs: number;
  embedderLoadMs: number;
  /** buildCorpusIndex: buildIndex plus closing the encoder. */
  rebuildMs: number;
  /** buildIndex's own figure (BuildReport.seconds). */
  buildSeconds: number;
  stages: { prepareMs: number; cacheLookupMs: number; embedMs: number; writeMs: number };
  documents: number;
  sentences: number;
  chunks: number;
  embedded: number;
  reused: number;
  indexDir: string;
  files: Record<string, number>;
}

await childMain<BuildInput, BuildOutput>(async (input) => {
  let t = performance.now();
  const corpus = await loadCorpus(input.corpusDir);
  const corpusLoadMs = performance.now() - t;
  t = performance.now();
  const embedder = await loadBundledEmbedder();
  const embedderLoadMs = performance.now() - t;

  const marks: Record<string, number> = {};
  const onBuildProgress = (progress: BuildProgress) => {
    const now = performance.now();
    if (progress.stage === 'prepare') marks.prepared = now;
    else if (progress.stage === 'embed' && progress.done === 0) marks.embedStart ??= now;
    else if (progress.stage === 'write') marks.write = now;
  };
  const started = performance.now();
  const { build, embedder: used } = await buildCorpusIndex({
    settings: {
      corpusDir: input.corpusDir,
      indexDir: input.indexDir,
      cacheDir: input.cacheDir,
      embeddingModel: 'bundled',
      modelsDir: 'models',
      allowRemoteModels: false,
      embedWorkers: input.workers,
    },
    log: silentLogger,
    corpus,
    embedder,
    onBuildProgress,
  });
  const finished = performance.now();
  const buildEnd = started + build.seconds * 1000;
  await used.close();
  const { counts } = build.manifest;
  return {
    corpusLoadMs,
    embedderLoadMs,
    rebuildMs: finished - started,
    buildSeconds: build.seconds,
    stages: {
      prepareMs: marks.prepared! - started,
      cacheLookupMs: marks.embedStart! - marks.prepared!,
      embedMs: marks.write! - marks.embedStart!,
      writeMs: buildEnd - marks.write!,
    },
    documents: counts.documents,
    sentences: counts.sentences,
    chunks: counts.chunks,
    embedded: build.embedded,
    reused: build.reused,
    indexDir: build.dir,
    files: Object.fromEntries(Object.entries(build.manifest.files).map(([name, file]) => [name, file.bytes])),
  };
});
