import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { StoryQaError } from '../util/errors';
import type { Embedder } from './types';

const KEY_BYTES = 16;

/** The embedding cache exists but cannot be read (permissions, a folder in its place…). */
export class EmbeddingCacheError extends StoryQaError {
  override readonly name = 'EmbeddingCacheError';
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Cannot read the embedding cache ${file} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).`, {
      hint: 'Fix its permissions, or delete it (or point CACHE_DIR elsewhere) to embed everything again.',
      cause,
    });
  }
}

/**
 * Vectors already computed, keyed by model and text, so a rebuild embeds only new text.
 * One append-only file per model: a build killed half-way keeps what it had embedded
 * (a torn last record is ignored on the next load).
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly file: string | null;
  private readonly recordBytes: number;

  private constructor(
    file: string | null,
    readonly modelId: string,
    readonly dimension: number,
  ) {
    this.file = file;
    this.recordBytes = KEY_BYTES + dimension * 4;
  }

  /** A cache in `dir`, or an in-memory one when `dir` is null. */
  static open(dir: string | null, modelId: string, dimension: number): EmbeddingCache {
    if (dir === null) return new EmbeddingCache(null, modelId, dimension);
    mkdirSync(dir, { recursive: true });
    const slug = modelId.replace(/[^A-Za-z0-9.-]+/g, '_');
    const cache = new EmbeddingCache(path.join(dir, `embeddings-${slug}-${dimension}.bin`), modelId, dimension);
    cache.loadFile();
    return cache;
  }

  get size(): number {
    return this.vectors.size;
  }

  get(text: string): Float32Array | undefined {
    return this.vectors.get(keyOf(text));
  }

  /** Records new vectors in memory and on disk. */
  add(texts: string[], vectors: Float32Array[]): void {
    const records: Buffer[] = [];
    texts.forEach((text, i) => {
      const key = keyOf(text);
      if (this.vectors.has(key)) return;
      const vector = vectors[i]!;
      this.vectors.set(key, vector);
      records.push(Buffer.from(key, 'hex'), Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    });
    if (this.file && records.length) appendFileSync(this.file, Buffer.concat(records));
  }

  private loadFile(): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file!);
    } catch (error) {
      // No file yet is an empty cache; a file we may not read is not: re-embedding the corpus in silence would hide it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new EmbeddingCacheError(this.file!, error);
    }
    const whole = bytes.length - (bytes.length % this.recordBytes);
    // One aligned copy of the file; vectors are views into it (records are multiples of 4 bytes).
    const aligned = new Uint8Array(whole);
    aligned.set(bytes.subarray(0, whole));
    for (let at = 0; at < whole; at += this.recordBytes) {
      const key = bytes.toString('hex', at, at + KEY_BYTES);
      this.vectors.set(key, new Float32Array(aligned.buffer, at + KEY_BYTES, this.dimension));
    }
  }
}

function keyOf(text: string): string {
  return createHash('sha256')
    .update(text)
    .digest('hex')
    .slice(0, KEY_BYTES * 2);
}

export interface EmbedProgress {
  done: number;
  total: number;
}

export interface CachedEmbedResult {
  vectors: Float32Array[];
  /** Texts sent to the model (distinct texts not found in the cache). */
  embedded: number;
  /** Texts answered from the cache (or repeated within the input). */
  reused: number;
}

/** Embeds `texts`, reusing cached vectors and embedding each distinct new text once. */
export interface EmbedWithCacheOptions {
  onProgress?: ((progress: EmbedProgress) => void) | undefined;
  /**
   * Offers a faster encoder for large jobs (a worker pool), given the number of texts to embed;
   * null keeps the given one. An encoder returned here is closed when the job is done.
   */
  bulkEmbedder?: ((count: number) => Promise<Embedder | null>) | undefined;
  batchSize?: number;
}

export async function embedWithCache(
  embedder: Embedder,
  cache: EmbeddingCache,
  texts: string[],
  options: EmbedWithCacheOptions = {},
): Promise<CachedEmbedResult> {
  const { onProgress } = options;
  // One lookup (a hash) per text: a rebuild of a large corpus finds nearly all of them here.
  const found = texts.map((text) => cache.get(text));
  const missing = [...new Set(texts.filter((_, i) => !found[i]))];
  onProgress?.({ done: 0, total: missing.length });
  const bulk = missing.length > 0 ? await options.bulkEmbedder?.(missing.length) : null;
  // Workers wait for each other at the end of every batch: give a pool larger ones.
  const batchSize = options.batchSize ?? (bulk ? 2048 : 256);
  try {
    for (let i = 0; i < missing.length; i += batchSize) {
      const batch = missing.slice(i, i + batchSize);
      cache.add(batch, await (bulk ?? embedder).embed(batch));
      onProgress?.({ done: Math.min(i + batchSize, missing.length), total: missing.length });
    }
  } finally {
    await bulk?.close();
  }
  return {
    vectors: texts.map((text, i) => found[i] ?? cache.get(text)!),
    embedded: missing.length,
    reused: texts.length - missing.length,
  };
}
