import path from 'node:path';
import { loadEngineConfig, type EngineConfig } from '../config';
import { sha256 } from '../util/hash';
import { createLogger, type Logger } from '../util/log';
import { forStory, openEngine, type Engine } from '../engine';
import { buildProgressReporter } from './progress';

export interface CorpusFlags {
  corpus?: string;
  /** A story of the corpus (its folder's name); default DEFAULT_STORY, else the first. */
  story?: string;
  index?: string;
  out?: string;
  model?: string;
}

/**
 * Configuration with the command line's folders on top, narrowed to one story (--story, else
 * the default): its folder is the corpus and, when the corpus has several stories, its index is
 * `<index>/<story>`. A corpus given with --corpus but no index folder gets its own index next to
 * the default one, so switching corpora never overwrites another corpus's index. An index given
 * with --index or --out is used as it is.
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
  const chosen = forStory(
    {
      ...config,
      corpusDir,
      indexDir: indexDir ? path.resolve(indexDir) : config.indexDir,
      embeddingModel: flags.model ?? config.embeddingModel,
    },
    flags.story,
    { keepIndexDir: Boolean(flags.out ?? flags.index) },
  );
  return { config: chosen.settings, log };
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
