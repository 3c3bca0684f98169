/**
 * The LangChain.js pipeline a developer would typically write: read the files, split them with
 * RecursiveCharacterTextSplitter, embed and index the chunks in the HNSWLib vector store, save it.
 * Run by bench/langchain.ts as a child process (cold, like our build in bench/child/build-index.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import { createEmbedderPool } from '../../src/embed/pool';
import { childMain } from '../child/io';
import type { LangchainBuildInput, LangchainBuildOutput } from '../langchain';
import { StoryQaEmbeddings } from './embeddings';

const POOL_THRESHOLD = 300; // src/engine/open.ts

await childMain<LangchainBuildInput, LangchainBuildOutput>(async (input) => {
  let t = performance.now();
  // What DirectoryLoader + TextLoader do: each file's whole text, its path as metadata.
  const files = (await readdir(input.corpusDir, { recursive: true })).filter((f) => f.endsWith('.txt')).sort();
  const docs = await Promise.all(
    files.map(
      async (file) =>
        new Document({
          pageContent: await readFile(path.join(input.corpusDir, file), 'utf8'),
          metadata: { source: file, docId: file.replace(/\.txt$/, '') },
        }),
    ),
  );
  const readMs = performance.now() - t;

  t = performance.now();
  const queryEmbedder = await loadBundledEmbedder();
  const embedderLoadMs = performance.now() - t;
  let pool: Awaited<ReturnType<typeof createEmbedderPool>> | null = null;
  // The same policy as rebuildEngine: worker threads only for jobs of 300 texts or more.
  const embeddings = new StoryQaEmbeddings(queryEmbedder, async (count) =>
    input.workers > 1 && count >= POOL_THRESHOLD
      ? (pool ??= await createEmbedderPool({
          modelId: queryEmbedder.id,
          dimension: queryEmbedder.dimension,
          modelsDir: 'models',
          allowRemoteModels: false,
          workers: input.workers,
        }))
      : queryEmbedder,
  );

  const started = performance.now();
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: input.chunkSize, chunkOverlap: input.chunkOverlap });
  const chunks = await splitter.splitDocuments(docs);
  const split = performance.now();
  const store = await HNSWLib.fromDocuments(chunks, embeddings);
  const indexed = performance.now();
  await store.save(input.storeDir);
  const saved = performance.now();
  await (pool as { close(): Promise<void> } | null)?.close();
  await queryEmbedder.close();
  return {
    documents: docs.length,
    chunks: chunks.length,
    chunkChars: chunks.reduce((sum, c) => sum + c.pageContent.length, 0),
    readMs,
    embedderLoadMs,
    buildMs: saved - started,
    stages: {
      splitMs: split - started,
      embedMs: embeddings.documentsMs,
      hnswMs: indexed - split - embeddings.documentsMs,
      saveMs: saved - indexed,
    },
  };
});
