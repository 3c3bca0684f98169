/**
 * Child-process entry of `/reindex` (see rebuild.ts): rebuilds the index with the engine's
 * `buildCorpusIndex` and reports progress and the outcome over IPC. Not run by hand.
 */
import { buildCorpusIndex } from '../engine';
import { isUserFacing } from '../util/errors';
import { createLogger } from '../util/log';
import type { RebuildMessage, RebuildRequest } from './rebuild';

const send = (message: RebuildMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });

// The bot went away: nobody is waiting for this build.
process.on('disconnect', () => process.exit(1));

const request = JSON.parse(process.argv[2] ?? '{}') as RebuildRequest;
const log = createLogger({ level: request.logLevel, stream: 'stderr', pretty: false });
try {
  const { embedder, build } = await buildCorpusIndex({
    settings: request.settings,
    log,
    onBuildProgress: (progress) => void send({ type: 'progress', progress }),
  });
  await embedder.close();
  await send({ type: 'done', summary: { dir: build.dir, seconds: build.seconds, embedded: build.embedded, reused: build.reused } });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  const message = isUserFacing(e) ? e.fullMessage : e.message;
  await send({ type: 'failed', error: { name: e.name, message, stack: e.stack ?? '', userFacing: isUserFacing(e) } });
  process.exitCode = 1;
}
process.disconnect?.();
