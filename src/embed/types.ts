/**
 * A sentence encoder. Vectors are unit length, so cosine similarity is a dot product.
 */
export interface Embedder {
  /** The model id recorded in the index manifest, e.g. `bundled:use-lite` or `Xenova/all-MiniLM-L6-v2`. */
  readonly id: string;
  readonly dimension: number;
  /** One unit-length vector per input text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Frees workers or sessions; the embedder is unusable afterwards. */
  close(): Promise<void>;
}
