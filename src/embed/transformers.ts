/**
 * Sentence embeddings from any sentence-transformers ONNX export (e.g. `Xenova/all-MiniLM-L6-v2`)
 * through @xenova/transformers v2: its tokenizer, onnxruntime-node, mean pooling over the
 * attention mask and L2 normalisation, as sentence-transformers itself does for these models.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './types';
import { StoryQaError } from '../util/errors';

export interface TransformersOptions {
  /** Local models folder: a model is read from `<modelsDir>/<modelId>/`, and hub downloads are cached there too. */
  modelsDir: string;
  /** May missing files be fetched from huggingface.co? With false, no network call is made. */
  allowRemote: boolean;
  /** Use `onnx/model_quantized.onnx` (true) or `onnx/model.onnx` (false). Unset: quantized, unless only model.onnx is present locally. */
  quantized?: boolean;
}

/** A transformers.js model that is not where it should be (and may not be downloaded). */
export class ModelUnavailableError extends StoryQaError {
  override readonly name = 'ModelUnavailableError';
  constructor(
    readonly modelId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Bounds the tensor sizes (batch x longest text x hidden) held at once when indexing many chunks. */
const BATCH_SIZE = 32;

/** The files transformers.js fetches for a feature-extraction pipeline, apart from the ONNX weights. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

/**
 * transformers.js configuration is a process-wide singleton (`env`) that is read while files are
 * fetched, so two loads with different folders must not overlap. Chaining them keeps each load's
 * settings in force for its whole duration.
 */
let loadQueue: Promise<unknown> = Promise.resolve();

export async function loadTransformersEmbedder(modelId: string, options: TransformersOptions): Promise<Embedder> {
  const run = loadQueue.then(() => load(modelId, options));
  loadQueue = run.catch(() => undefined);
  return run;
}

async function load(modelId: string, options: TransformersOptions): Promise<Embedder> {
  // transformers.js joins paths as strings; an absolute folder keeps results independent of the cwd.
  const modelsDir = path.resolve(options.modelsDir);
  const modelDir = path.join(modelsDir, modelId);
  const local = (file: string) => existsSync(path.join(modelDir, file));

  // Decide which weights file from what is on disk: transformers.js would otherwise insist on
  // model_quantized.onnx and, with remote allowed, try to download it even though model.onnx is here.
  const quantized = options.quantized ?? (local('onnx/model_quantized.onnx') || !local('onnx/model.onnx'));
  const onnxFile = quantized ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
  const missing = [...REQUIRED_FILES, onnxFile].filter((f) => !local(f));

  if (missing.length > 0 && !options.allowRemote) {
    // Fail before touching the library, which would otherwise log a warning per probed file.
    throw unavailable(modelId, modelDir, `missing ${missing.join(', ')}`);
  }

  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  env.localModelPath = modelsDir;
  // Hub downloads land at <cacheDir>/<modelId>/<file>, i.e. exactly where the next run looks locally.
  env.cacheDir = modelsDir;
  env.useFSCache = true;

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline('feature-extraction', modelId, {
      quantized,
      // Belt and braces with env.allowRemoteModels: either one alone forbids fetching.
      local_files_only: !options.allowRemote,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw Object.assign(unavailable(modelId, modelDir, reason), { cause: err });
  }

  let closed = false;
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    if (closed) throw new Error(`embedder ${modelId} is closed`);
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      const batch = texts.slice(start, start + BATCH_SIZE);
      // Within a batch texts are padded to the longest; pooling 'mean' averages over the
      // attention mask only, so a text's vector does not depend on its batch mates.
      const output = await extractor(batch, { pooling: 'mean', normalize: true });
      const data = output.data as Float32Array;
      const dim = data.length / batch.length;
      // Copy each row out so callers do not keep the whole batch tensor alive.
      for (let i = 0; i < batch.length; i++) vectors.push(data.slice(i * dim, (i + 1) * dim));
    }
    return vectors;
  };

  // The pooled width is what the index must store; reading it off a real output avoids trusting
  // config field names, which differ between architectures (hidden_size, d_model, dim...).
  const [probe] = await embed(['dimension probe']);
  const dimension = probe!.length;

  return {
    id: modelId,
    dimension,
    embed,
    async close() {
      if (closed) return;
      closed = true;
      await extractor.dispose();
    },
  };
}

function unavailable(modelId: string, modelDir: string, reason: string): ModelUnavailableError {
  return new ModelUnavailableError(
    modelId,
    `Embedding model "${modelId}" is unavailable: looked in ${modelDir}/ ` +
      `(config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx or onnx/model.onnx): ${reason}. ` +
      `Put the model files there, or set ALLOW_REMOTE_MODELS=true on a machine that can reach huggingface.co ` +
      `(files are then cached in that folder), or use EMBEDDING_MODEL=bundled.`,
  );
}
