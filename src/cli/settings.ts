import path from 'node:path';
import { loadEngineConfig, type EngineConfig } from '../config';
import { sha256 } from '../util/hash';
import { createLogger, type Logger } from '../util/log';
import { openEngine, type Engine } from '../engine';
import { buildProgressReporter } from './progress';

export interface CorpusFlags {
  corpus?: string;
  index?: string;
  out?: string;
  model?: string;
}

/**
 * Configuration with the command line's folders on top. A corpus given with --corpus but no
 * index folder gets its own index next to the default one, so switching corpora never
 * overwrites another corpus's index.
 */
export function settingsFrom(flags: CorpusFlags): { config: EngineConfig; log: Logger } {
  const config = loadEngineConfig();
  const log = createLogger({ level: config.logLevel, stream: 'stderr' });
  const corpusDir = flags.corpus ? path.resolve(flags.corpus) : config.corpusDir;
  let indexDir = flags.out ?? flags.index;
  if (!indexDir && flags.corpus) {
    const name = path.basename(corpusDir).replace(/[^\w.-]+/g, '_');
    indexDir = path.join(path.dirname(config.indexDir), `index-${name}-${sha256(corpusDir).slice(0, 8)}`);
  }
  return {
    config: {
      ...config,
      corpusDir,
      indexDir: indexDir ? path.resolve(indexDir) : config.indexDir,
      embeddingModel: flags.model ?? config.embeddingModel,
    },
    log,
  };
}

/**
 * The engine for a command that reads the index: `--index` alone uses that index exactly as it
 * is; otherwise the corpus's index is built or refreshed first, with a progress bar on stderr.
 */
export async function openCommandEngine(flags: CorpusFlags): Promise<{ engine: Engine; log: Logger }> {
  const { config, log } = settingsFrom(flags);
  const progress = buildProgressReporter(log);
  const { engine } = await openEngine({
    settings: config,
    log,
    indexOnly: Boolean(flags.index) && !flags.corpus,
    onBuildProgress: progress.onProgress,
  }).finally(() => progress.stop());
  return { engine, log };
}
