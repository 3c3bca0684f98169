/** The embed stage's public surface: opening encoders, the embedding cache, vector helpers. */
export type { Embedder } from './types';
export { BUNDLED_MODEL_ID } from './bundled';
export { EmbeddingCache, EmbeddingCacheError, embedWithCache } from './cache';
export { dot, normalize } from './vectors';
export * from './open';
