import type { Logger } from 'pino';
import type { BuildProgress } from '../index/build';

/**
 * Index-build progress as log lines: the corpus size, the embedding at every tenth of the work
 * (short logs, yet a stuck build is visible), and the write.
 */
export function logBuildProgress(log: Logger): (progress: BuildProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    if (progress.stage === 'prepare')
      log.info(`${progress.documents} documents, ${progress.sentences} sentences, ${progress.chunks} chunks`);
    else if (progress.stage === 'embed' && progress.total > 0) {
      const tenth = Math.floor((10 * progress.done) / progress.total);
      if (tenth !== lastTenth) log.info(`embedding ${progress.done}/${progress.total} sentences`);
      lastTenth = tenth;
    } else if (progress.stage === 'write') log.info('writing the index');
  };
}
