import { Worker } from 'node:worker_threads';
import type { Embedder } from './types';

export interface PoolOptions {
  modelId: string;
  dimension: number;
  modelsDir: string;
  allowRemoteModels: boolean;
  workers: number;
}

/**
 * The same encoder loaded in several worker threads, so a large build uses every core. Each
 * call's texts are dealt out by length, so workers finish at about the same time.
 */
export async function createEmbedderPool(options: PoolOptions): Promise<Embedder> {
  const workers = Array.from({ length: options.workers }, () => startWorker(options));
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;

  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (message: { ready: boolean; error?: string }) =>
            message.ready ? resolve() : reject(new Error(`embedding worker failed to start: ${message.error}`)),
          );
        }),
    ),
  ).catch(async (error) => {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  });

  for (const worker of workers) {
    worker.on('message', (message: { id: number; vectors?: Float32Array[]; error?: string }) => {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.vectors!);
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }

  const send = (worker: Worker, texts: string[]) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });

  return {
    id: options.modelId,
    dimension: options.dimension,
    async embed(texts: string[]): Promise<Float32Array[]> {
      // Deal texts by length, longest first, so each worker gets a similar amount of work.
      const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.length - texts[a]!.length);
      const shares = workers.map(() => [] as number[]);
      order.forEach((slot, k) => shares[k % workers.length]!.push(slot));
      const results = await Promise.all(
        shares.map((share, w) =>
          share.length
            ? send(
                workers[w]!,
                share.map((i) => texts[i]!),
              )
            : [],
        ),
      );
      const out = new Array<Float32Array>(texts.length);
      shares.forEach((share, w) => share.forEach((slot, k) => (out[slot] = results[w]![k]!)));
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Starts `worker.ts`. The project runs its TypeScript through tsx (there is no compiled build),
 * so the thread registers tsx's loader before importing the worker.
 */
function startWorker(options: PoolOptions): Worker {
  const workerUrl = new URL('./worker.ts', import.meta.url);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}
