import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import { logBuildProgress } from '../engine/progress';
import type { BuildProgress } from '../index/build';

/** Shows index-build progress: the embedding as a bar on a terminal; log lines otherwise (CI, containers). */
export function buildProgressReporter(log: Logger): { onProgress: (p: BuildProgress) => void; stop: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  const logged = logBuildProgress(log);
  let bar: cliProgress.SingleBar | null = null;
  return {
    onProgress(progress) {
      if (tty && progress.stage === 'embed') {
        if (progress.total === 0) return;
        bar ??= new cliProgress.SingleBar(
          { stream: process.stderr, format: 'embedding |{bar}| {value}/{total} sentences · {eta_formatted} left', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        if (progress.done === 0) bar.start(progress.total, 0);
        else bar.update(progress.done);
        return;
      }
      if (progress.stage === 'write') {
        bar?.stop();
        bar = null;
      }
      logged(progress);
    },
    stop() {
      bar?.stop();
    },
  };
}
