/**
 * The saved HNSWLib store loaded for queries, with the bundled encoder as its Embeddings (queries
 * embedded in process, as in ask()). bench/langchain.ts loads this module at run time.
 */
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { LangchainPackage } from '../langchain';
import { StoryQaEmbeddings } from './embeddings';

export const openStore: LangchainPackage['openStore'] = async (storeDir, embedder) => {
  const embeddings = new StoryQaEmbeddings(embedder, async () => embedder);
  const store = await HNSWLib.load(storeDir, embeddings);
  return {
    ef: store.index.getEf(),
    async search(question, k) {
      const results = await store.similaritySearchWithScore(question, k);
      return {
        hits: results.map(([doc, score]) => ({ text: doc.pageContent, docId: doc.metadata.docId as string, score })),
        embedMs: embeddings.lastQueryMs,
      };
    },
  };
};
