import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import { buildIndex } from '../../src/index/build';
import { EVAL_DIR, readEvalSet, materializeCorpus } from '../../src/eval/sets';
import { BBC_INDEX, BBC_SUBSET, HAS_BBC, REPO_ROOT, SHARED_CACHE, STORY_CORPUS, STORY_INDEX } from './paths';

/**
 * Builds the indexes many test files read: the story and a 225-article BBC corpus. Embeddings
 * are cached in .test-artifacts/cache, so only the first run on a machine pays for encoding.
 */
export default async function setup(): Promise<void> {
  const embedder = await loadBundledEmbedder();
  try {
    await rebuild(STORY_CORPUS, STORY_INDEX, embedder);
    if (HAS_BBC) {
      const set = readEvalSet(path.join(EVAL_DIR, 'bbc.json'), REPO_ROOT);
      await rebuild(materializeCorpus(set, BBC_SUBSET), BBC_INDEX, embedder);
    }
  } finally {
    await embedder.close();
  }
}

async function rebuild(corpusDir: string, indexDir: string, embedder: Awaited<ReturnType<typeof loadBundledEmbedder>>) {
  // Always rebuilt (the cache makes it quick), so an index never outlives the code that built it.
  const corpus = await loadCorpus(corpusDir);
  await buildIndex({ corpus, embedder, indexDir, cacheDir: SHARED_CACHE });
}
