import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { StoryQaError } from '../util/errors';
import type { EngineConfig } from '../config';
import type { BuildProgress } from '../index/build';

export type RebuildSettings = Pick<
  EngineConfig,
  'corpusDir' | 'indexDir' | 'cacheDir' | 'embeddingModel' | 'modelsDir' | 'allowRemoteModels' | 'embedWorkers'
>;

export interface RebuildRequest {
  settings: RebuildSettings;
  logLevel: string;
}

export interface RebuildSummary {
  /** The published build folder. */
  dir: string;
  seconds: number;
  embedded: number;
  reused: number;
}

export type RebuildMessage =
  | { type: 'progress'; progress: BuildProgress }
  | { type: 'done'; summary: RebuildSummary }
  | { type: 'failed'; error: { name: string; message: string; stack: string; userFacing: boolean } };

/** A rebuild that failed in the child process: the child's error, as fields (errors do not cross processes). */
export class RebuildError extends StoryQaError {
  override readonly name = 'RebuildError';
  constructor(
    /** The name of the child's error class ("CorpusError"). */
    readonly childName: string,
    message: string,
    readonly childStack: string,
    userFacing: boolean,
  ) {
    super(message, { userFacing });
  }
}

export interface RebuildHandle {
  done: Promise<RebuildSummary>;
  /** Stops the build (at shutdown); `done` then rejects. */
  cancel(): void;
}

/**
 * Rebuilds the index in a child process. Reading, chunking and writing an index (HNSW, lexicons)
 * are synchronous in the engine: on the 2,095-article BBC corpus they hold a thread for tens of
 * seconds, which in the bot's own process would stop every acknowledgment and heartbeat. The
 * child publishes the new build atomically (as `npm run index` does); the bot then loads it.
 */
export function rebuildInChildProcess(options: {
  settings: RebuildSettings;
  log: Logger;
  onProgress?: (progress: BuildProgress) => void;
}): RebuildHandle {
  const { log } = options;
  const entry = fileURLToPath(new URL('./rebuild-worker.ts', import.meta.url));
  // Sources run through tsx (there is no compiled build), in the child as in the bot.
  const execArgv = ['--import', import.meta.resolve('tsx')];
  const { DISCORD_TOKEN: _token, ...env } = process.env; // the child never needs the bot token
  const request: RebuildRequest = { settings: options.settings, logLevel: log.level === 'silent' ? 'silent' : 'warn' };
  const child = fork(entry, [JSON.stringify(request)], { execArgv, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });

  // The child's warnings (skipped files…) go to the bot's log.
  let buffered = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as { msg?: string; level?: number };
        log.warn({ rebuild: entry }, `rebuild: ${entry.msg ?? line}`);
      } catch {
        log.warn(`rebuild: ${line}`);
      }
    }
  });

  let cancelled = false;
  const done = new Promise<RebuildSummary>((resolve, reject) => {
    let outcome: RebuildMessage | null = null;
    child.on('message', (message: RebuildMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else outcome = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const settled = outcome as RebuildMessage | null;
      if (settled?.type === 'done') resolve(settled.summary);
      else if (settled?.type === 'failed') {
        const { name, message, stack, userFacing } = settled.error;
        reject(new RebuildError(name, message, stack, userFacing));
      } else
        reject(
          new Error(cancelled ? 'the rebuild was cancelled' : `the rebuild process ended unexpectedly (${signal ?? `exit code ${code}`})`),
        );
    });
  });
  return {
    done,
    cancel: () => {
      cancelled = true;
      child.kill('SIGTERM');
    },
  };
}
