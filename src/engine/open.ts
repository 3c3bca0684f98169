import type { Logger } from 'pino';
import type { EngineConfig } from '../config';
import { loadCorpus } from '../corpus/load';
import type { Corpus } from '../corpus/types';
import { BUNDLED_MODEL_ID, openEmbedder, openIndexEmbedder, type Embedder } from '../embed';
import { createEmbedderPool } from '../embed/pool';
import type { BuildProgress, BuildReport } from '../index/build';
import { IndexError, loadIndex, readManifest } from '../index/load';
import { DEFAULT_CHUNKING } from '../text/chunks';
import type { Manifest } from '../index/types';
import type { Engine } from './types';

type Settings = Pick<
  EngineConfig,
  'corpusDir' | 'indexDir' | 'cacheDir' | 'embeddingModel' | 'modelsDir' | 'allowRemoteModels' | 'embedWorkers'
>;

// Below this many new sentences, starting worker threads (about a second each) costs more than it saves.
const POOL_THRESHOLD = 300;

export interface OpenEngineOptions {
  settings: Settings;
  log: Logger;
  /** Answer from the index exactly as it is: never build or refresh it. */
  indexOnly?: boolean;
  onBuildProgress?: (progress: BuildProgress) => void;
  /** An encoder already open (another story's), used when it is the model the index was built with. */
  embedder?: Embedder;
}

export interface OpenedEngine {
  engine: Engine;
  /** Set when the index had to be built or refreshed first. */
  build: BuildReport | null;
}

/**
 * The engine for a corpus: its index, built or refreshed first when it is missing, damaged or
 * stale; and the encoder that index was built with.
 */
export async function openEngine(options: OpenEngineOptions): Promise<OpenedEngine> {
  const { settings, log } = options;
  if (options.indexOnly) return { engine: await loadEngine(settings.indexDir, settings, log, options.embedder), build: null };

  const corpus = await readCorpus(settings.corpusDir, log);
  let manifest: Manifest | null = null;
  let unreadable: string | null = null;
  try {
    manifest = readManifest(settings.indexDir);
  } catch (error) {
    if (!(error instanceof IndexError)) throw error;
    unreadable = error.message;
  }
  const reason = unreadable ?? staleReason(manifest, corpus, settings);
  if (!reason) {
    try {
      return { engine: await loadEngine(settings.indexDir, settings, log, options.embedder), build: null };
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      log.warn(`${error.message} Rebuilding it.`);
    }
  } else {
    log.info(`Building the index (${reason.replace(/\.$/, '')})…`);
  }
  const { engine, build } = await rebuildEngine({ ...options, corpus });
  return { engine, build };
}

/**
 * Loads the index in `indexDir` and the encoder it was built with (questions must be embedded
 * by the same model). `embedder`: one already open, used when it is that model.
 */
export async function loadEngine(
  indexDir: string,
  settings: Pick<Settings, 'modelsDir' | 'allowRemoteModels'>,
  log: Logger,
  embedder?: Embedder,
): Promise<Engine> {
  const index = await loadIndex(indexDir);
  const { id } = index.manifest.model;
  return { index, embedder: embedder?.id === id ? embedder : await openIndexEmbedder(id, embedderSettings(settings, log)) };
}

export interface RebuildOptions extends OpenEngineOptions {
  /** The corpus, when the caller has already read it. */
  corpus?: Corpus;
  /** An encoder already loaded; reused when it is the model the build asks for. */
  embedder?: Embedder;
}

/** Builds the index from the corpus, publishes it, and returns an engine on the new index. */
export async function rebuildEngine(options: RebuildOptions): Promise<{ engine: Engine; build: BuildReport }> {
  const { build, embedder } = await buildCorpusIndex(options);
  const index = await loadIndex(options.settings.indexDir);
  return { engine: { index, embedder }, build };
}

/**
 * Builds the index from the corpus and publishes it, without loading it (what `npm run index`
 * and the bot's background rebuild need). Returns the encoder used, for the caller to keep or close.
 */
export async function buildCorpusIndex(options: RebuildOptions): Promise<{ build: BuildReport; embedder: Embedder }> {
  const { settings, log } = options;
  const corpus = options.corpus ?? (await readCorpus(settings.corpusDir, log));
  const reusable = options.embedder && modelMatches(settings.embeddingModel, options.embedder.id);
  const embedder = reusable ? options.embedder! : await openEmbedder(settings.embeddingModel, embedderSettings(settings, log));
  try {
    // Loaded on demand: date extraction and index writing are not needed to answer from an index.
    const { buildIndex } = await import('../index/build');
    const build = await buildIndex({
      corpus,
      embedder,
      indexDir: settings.indexDir,
      cacheDir: settings.cacheDir,
      onProgress: options.onBuildProgress,
      bulkEmbedder: async (count) =>
        count >= POOL_THRESHOLD && settings.embedWorkers > 1
          ? createEmbedderPool({
              modelId: embedder.id,
              dimension: embedder.dimension,
              modelsDir: settings.modelsDir,
              allowRemoteModels: settings.allowRemoteModels,
              workers: settings.embedWorkers,
            })
          : null,
      log,
    });
    return { build, embedder };
  } catch (error) {
    if (!reusable) await embedder.close();
    throw error;
  }
}

/** Embeds a probe so the first real question does not pay for the encoder's warm-up. */
export async function warmEngine(engine: Engine): Promise<void> {
  await engine.embedder.embed(['Warm-up question about the story?']);
}

async function readCorpus(dir: string, log: Logger): Promise<Corpus> {
  return loadCorpus(dir, { onSkip: (skip) => log.warn(`Skipping ${skip.path}: ${skip.reason}`) });
}

function staleReason(manifest: Manifest | null, corpus: Corpus, settings: Settings): string | null {
  if (!manifest) return 'no index yet';
  if (manifest.corpus.hash !== corpus.hash) return 'the corpus changed';
  if (!modelMatches(settings.embeddingModel, manifest.model.id))
    return `EMBEDDING_MODEL is ${settings.embeddingModel}, the index has ${manifest.model.id}`;
  if (JSON.stringify(manifest.chunking) !== JSON.stringify(DEFAULT_CHUNKING)) return 'chunking settings changed';
  return null;
}

/** `auto` accepts whatever model an index was built with; anything else must match exactly. */
function modelMatches(requested: string, actual: string): boolean {
  if (requested === 'auto') return true;
  if (requested === 'bundled') return actual === BUNDLED_MODEL_ID;
  return requested === actual;
}

function embedderSettings(settings: Pick<Settings, 'modelsDir' | 'allowRemoteModels'>, log: Logger) {
  return { modelsDir: settings.modelsDir, allowRemoteModels: settings.allowRemoteModels, log };
}
