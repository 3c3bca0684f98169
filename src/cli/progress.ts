import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { BuildProgress } from '../index/build';

/**
 * Shows index-build progress: a bar on a terminal; elsewhere (CI, containers) a log line at
 * every tenth of the work, so logs stay short but a stuck build is visible.
 */
export function buildProgressReporter(log: Logger): { onProgress: (p: BuildProgress) => void; stop: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let lastTenth = -1;
  return {
    onProgress(progress) {
      if (progress.stage === 'prepare') {
        log.info(`${progress.documents} documents, ${progress.sentences} sentences, ${progress.chunks} chunks`);
      } else if (progress.stage === 'embed' && progress.total > 0) {
        if (tty) {
          bar ??= new cliProgress.SingleBar(
            { stream: process.stderr, format: 'embedding |{bar}| {value}/{total} sentences · {eta_formatted} left', hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          if (progress.done === 0) bar.start(progress.total, 0);
          else bar.update(progress.done);
        } else {
          const tenth = Math.floor((10 * progress.done) / progress.total);
          if (tenth !== lastTenth) log.info(`embedding ${progress.done}/${progress.total} sentences`);
          lastTenth = tenth;
        }
      } else if (progress.stage === 'write') {
        bar?.stop();
        bar = null;
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
