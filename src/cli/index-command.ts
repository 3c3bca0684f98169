import { Command } from 'commander';
import { buildCorpusIndex } from '../engine';
import { buildProgressReporter } from './progress';
import { settingsFrom } from './settings';

/** `npm run index`: (re)builds the index of the corpus; unchanged sentences come from the cache. */
export async function indexCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run index --')
    .description('Build the search index of a corpus of news articles.')
    .option('--corpus <dir>', 'corpus folder (default: CORPUS_DIR or ./corpus)')
    .option('--story <id>', 'the story (a folder of the corpus) to use; default DEFAULT_STORY, else the first')
    .option('--out <dir>', 'index folder (default: INDEX_DIR or ./data/index)')
    .option('--model <id>', 'embedding model: auto, bundled, or a transformers.js model id (default: EMBEDDING_MODEL)')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const { config, log } = settingsFrom(program.opts());
  const progress = buildProgressReporter(log);
  try {
    const { build, embedder } = await buildCorpusIndex({ settings: config, log, onBuildProgress: progress.onProgress });
    const { counts, model } = build.manifest;
    process.stderr.write(
      `Indexed ${counts.documents} documents, ${counts.chunks} chunks (${counts.sentences} sentences, ${counts.events} dated events) ` +
        `with ${model.id} in ${build.seconds.toFixed(1)} s; ${build.embedded} sentences embedded, ${build.reused} from cache → ${config.indexDir}\n`,
    );
    if (typeof build.previous === 'object') process.stderr.write(`The previous build was not reused: ${build.previous.rejected}.\n`);
    await embedder.close();
    return 0;
  } finally {
    progress.stop();
  }
}
