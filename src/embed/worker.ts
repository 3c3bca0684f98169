/**
 * A worker thread that loads one encoder and embeds what the pool sends it. Each message is
 * `{ id, texts }`; each reply `{ id, vectors }` (transferred, not copied) or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { silentLogger } from '../util/log';
import { openIndexEmbedder } from './index';

interface WorkerSetup {
  modelId: string;
  modelsDir: string;
  allowRemoteModels: boolean;
}

const setup = workerData as WorkerSetup;
const port = parentPort!;
const ready = openIndexEmbedder(setup.modelId, {
  modelsDir: setup.modelsDir,
  allowRemoteModels: setup.allowRemoteModels,
  log: silentLogger,
});
ready.then(
  () => port.postMessage({ ready: true }),
  (error: Error) => port.postMessage({ ready: false, error: error.message }),
);

port.on('message', async ({ id, texts }: { id: number; texts: string[] }) => {
  try {
    const embedder = await ready;
    const vectors = await embedder.embed(texts);
    port.postMessage(
      { id, vectors },
      vectors.map((v) => v.buffer as ArrayBuffer),
    );
  } catch (error) {
    port.postMessage({ id, error: (error as Error).message });
  }
});
