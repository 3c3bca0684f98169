import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddingCache, EmbeddingCacheError, embedWithCache } from '../../src/embed/cache';
import type { Embedder } from '../../src/embed/types';
import { tempDir } from '../support/paths';

/** A deterministic stand-in encoder that counts what it is asked to embed (the cache is what is tested here). */
function countingEmbedder(): Embedder & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: 'test:counting',
    dimension: 3,
    calls,
    async embed(texts) {
      calls.push(...texts);
      return texts.map((t) => Float32Array.from([t.length, 1, 0]));
    },
    async close() {},
  };
}

describe('the embedding cache', () => {
  it('is empty when its file does not exist yet, and refuses (naming the file) when the file cannot be read', () => {
    const dir = tempDir('cache-');
    expect(EmbeddingCache.open(dir, 'test:counting', 3).size).toBe(0);
    const other = tempDir('cache-');
    // A folder where the cache file should be: reading it fails with EISDIR (EACCES would too, for a non-root user).
    mkdirSync(path.join(other, 'embeddings-test_counting-3.bin'));
    expect(() => EmbeddingCache.open(other, 'test:counting', 3)).toThrow(EmbeddingCacheError);
    expect(() => EmbeddingCache.open(other, 'test:counting', 3)).toThrow(/embeddings-test_counting-3\.bin \(EISDIR\)/);
  });

  it('embeds each distinct new text once and answers repeats from memory', async () => {
    const embedder = countingEmbedder();
    const cache = EmbeddingCache.open(null, embedder.id, 3);
    const result = await embedWithCache(embedder, cache, ['a', 'bb', 'a']);
    expect(embedder.calls).toEqual(['a', 'bb']);
    expect(result).toMatchObject({ embedded: 2, reused: 1 });
    expect(Array.from(result.vectors[2]!)).toEqual([1, 1, 0]);
  });

  it('persists across processes (one file per model) and ignores a torn last record', async () => {
    const dir = tempDir('cache-');
    const embedder = countingEmbedder();
    await embedWithCache(embedder, EmbeddingCache.open(dir, embedder.id, 3), ['one', 'two']);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^embeddings-test_counting-3\.bin$/);
    appendFileSync(path.join(dir, file!), Buffer.from([1, 2, 3]));

    const again = countingEmbedder();
    const reopened = EmbeddingCache.open(dir, again.id, 3);
    expect(reopened.size).toBe(2);
    const result = await embedWithCache(again, reopened, ['one', 'two', 'three']);
    expect(again.calls).toEqual(['three']);
    expect(Array.from(result.vectors[1]!)).toEqual([3, 1, 0]);
  });

  it('hands large jobs to a bulk encoder and closes it afterwards', async () => {
    const embedder = countingEmbedder();
    const bulk = countingEmbedder();
    let closed = false;
    bulk.close = async () => void (closed = true);
    await embedWithCache(embedder, EmbeddingCache.open(null, embedder.id, 3), ['x', 'y'], {
      bulkEmbedder: async (n) => (n >= 2 ? bulk : null),
    });
    expect(bulk.calls).toEqual(['x', 'y']);
    expect(embedder.calls).toEqual([]);
    expect(closed).toBe(true);
  });
});
