import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import { buildIndex } from '../../src/index/build';
import { EVAL_DIR, readEvalSet, materializeCorpus } from '../../src/eval/sets';
import { readSquad } from '../../src/eval/squad';
import {
  BBC_FRESH_INDEX,
  BBC_INDEX,
  BBC_SUBSET,
  HAS_BBC,
  HAS_SQUAD,
  REPO_ROOT,
  SHARED_CACHE,
  SQUAD_INDEX,
  STORY_CORPUS,
  STORY_INDEX,
} from './paths';

/**
 * Builds the indexes many test files read: the story, BBC corpora of 225 and 300 articles, and
 * the SQuAD part's 8 articles. Embeddings
 * are cached in .test-artifacts/cache, so only the first run on a machine pays for encoding.
 */
export default async function setup(): Promise<void> {
  const embedder = await loadBundledEmbedder();
  try {
    await rebuild(STORY_CORPUS, STORY_INDEX, embedder);
    if (HAS_BBC) {
      for (const [name, indexDir] of [
        ['bbc', BBC_INDEX],
        ['bbc-fresh', BBC_FRESH_INDEX],
      ] as const) {
        const set = readEvalSet(path.join(EVAL_DIR, `${name}.json`), REPO_ROOT);
        await rebuild(materializeCorpus(set, BBC_SUBSET), indexDir, embedder);
      }
    }
    if (HAS_SQUAD) await rebuild(readSquad(BBC_SUBSET).corpusDir, SQUAD_INDEX, embedder);
  } finally {
    await embedder.close();
  }
}

async function rebuild(corpusDir: string, indexDir: string, embedder: Awaited<ReturnType<typeof loadBundledEmbedder>>) {
  // Always rebuilt (the cache makes it quick), so an index never outlives the code that built it.
  const corpus = await loadCorpus(corpusDir);
  await buildIndex({ corpus, embedder, indexDir, cacheDir: SHARED_CACHE });
}
