import type { Chunk } from '../text/types';
import type { SearchIndex } from './types';

export interface RankedChunk {
  chunk: Chunk;
  /** Reciprocal-rank fusion of the dense and lexical rankings. */
  score: number;
  /** Cosine similarity to the question, when the dense search found it. */
  dense: number | null;
  denseRank: number | null;
  lexicalRank: number | null;
}

export interface ChunkSearchOptions {
  /** How many chunks each method contributes before fusion. */
  perMethod?: number;
  /** How many fused chunks to return. */
  limit?: number;
  /** Leave out either method (for measuring what each contributes). */
  mode?: 'hybrid' | 'dense' | 'lexical';
}

// The usual RRF constant: damps the head of each list so that agreement between methods wins.
const RRF_K = 60;

/**
 * Dense search over chunk vectors (HNSW, cosine) fused with BM25 over chunk text: names and
 * numbers ("Bryan Ware", "59 experts") are where dense search alone misses.
 */
export function searchChunks(
  index: SearchIndex,
  queryVector: Float32Array,
  query: string,
  options: ChunkSearchOptions = {},
): RankedChunk[] {
  const perMethod = Math.min(options.perMethod ?? 40, index.chunks.length);
  const mode = options.mode ?? 'hybrid';
  const fused = new Map<number, RankedChunk>();
  const entry = (id: number): RankedChunk => {
    let ranked = fused.get(id);
    if (!ranked) {
      ranked = { chunk: index.chunks[id]!, score: 0, dense: null, denseRank: null, lexicalRank: null };
      fused.set(id, ranked);
    }
    return ranked;
  };

  if (mode !== 'lexical' && perMethod > 0) {
    const { neighbors, distances } = index.hnsw.searchKnn(Array.from(queryVector), perMethod);
    neighbors.forEach((label, rank) => {
      const ranked = entry(index.chunkIdByLabel.get(label)!);
      ranked.dense = 1 - distances[rank]!;
      ranked.denseRank = rank + 1;
      ranked.score += 1 / (RRF_K + rank + 1);
    });
  }
  if (mode !== 'dense') {
    const hits = index.chunkLexicon.search(query).slice(0, perMethod);
    hits.forEach((hit, rank) => {
      const ranked = entry(index.chunkIdByLabel.get(hit.id as number)!);
      ranked.lexicalRank = rank + 1;
      ranked.score += 1 / (RRF_K + rank + 1);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score).slice(0, options.limit ?? 8);
}
