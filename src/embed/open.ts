import type { Logger } from 'pino';
import { StoryQaError } from '../util/errors';
import { BUNDLED_MODEL_ID, loadBundledEmbedder } from './bundled';
import type { Embedder } from './types';

/** The transformers.js model `EMBEDDING_MODEL=auto` tries first. */
export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/all-MiniLM-L6-v2';

export interface EmbedderSettings {
  modelsDir: string;
  allowRemoteModels: boolean;
  log: Logger;
}

/** The encoder an index was built with cannot be loaded here. */
export class EmbedderUnavailableError extends StoryQaError {
  override readonly name = 'EmbedderUnavailableError';
  constructor(
    readonly modelId: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, {
      ...options,
      hint: 'Either make that model available (MODELS_DIR, ALLOW_REMOTE_MODELS) or rebuild the index with a model you have: EMBEDDING_MODEL=bundled npm run index',
    });
  }
}

function isBundled(model: string): boolean {
  return model === 'bundled' || model === BUNDLED_MODEL_ID;
}

/**
 * The encoder `EMBEDDING_MODEL` asks for: `bundled`, a transformers.js model id, or `auto`
 * (the default transformers.js model when it can be loaded, the bundled encoder otherwise).
 */
export async function openEmbedder(requested: string, settings: EmbedderSettings): Promise<Embedder> {
  if (isBundled(requested)) return loadBundledEmbedder();
  if (requested !== 'auto') return openTransformers(requested, settings);
  try {
    const embedder = await openTransformers(DEFAULT_TRANSFORMERS_MODEL, settings);
    settings.log.info({ model: embedder.id }, `embedding model: ${embedder.id}`);
    return embedder;
  } catch (error) {
    settings.log.debug({ reason: (error as Error).message }, `${DEFAULT_TRANSFORMERS_MODEL} cannot be loaded`);
    settings.log.info(`embedding model: ${BUNDLED_MODEL_ID} (bundled; ${DEFAULT_TRANSFORMERS_MODEL} is not in ${settings.modelsDir})`);
    return loadBundledEmbedder();
  }
}

/** Exactly the model an index was built with: queries must be embedded in the index's space. */
export async function openIndexEmbedder(modelId: string, settings: EmbedderSettings): Promise<Embedder> {
  try {
    return isBundled(modelId) ? await loadBundledEmbedder() : await openTransformers(modelId, settings);
  } catch (error) {
    throw new EmbedderUnavailableError(
      modelId,
      `The index was built with the embedding model "${modelId}", which cannot be loaded here: ${(error as Error).message}\n`,
      {
        cause: error,
      },
    );
  }
}

async function openTransformers(modelId: string, settings: EmbedderSettings): Promise<Embedder> {
  // Loaded on demand: onnxruntime and sharp cost start-up time that the bundled path never needs.
  const { loadTransformersEmbedder } = await import('./transformers');
  return loadTransformersEmbedder(modelId, { modelsDir: settings.modelsDir, allowRemote: settings.allowRemoteModels });
}
