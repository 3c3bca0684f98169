import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { buildCorpusIndex } from '../engine';
import { documentSummaries } from '../index/vectors';
import { loadIndex } from '../index/load';
import { addArticleFile, ingestFile, ingestUrl, type ExtractedArticle } from '../ingest';
import { buildProgressReporter } from './progress';
import { settingsFrom } from './settings';

/**
 * `npm run add -- <url|file>`: reads an article from a web page or a .txt/.md/.html file, writes
 * it into the corpus as `<slug>.md` with front matter, and updates the index incrementally.
 * Whatever fails, the corpus and the live index are left exactly as they were.
 */
export async function addCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run add --')
    .description('Add an article to the corpus from a web address or a .txt, .md or .html file, and update the index.')
    .argument('<source>', 'an http(s) address, or a path to a .txt, .md or .html file')
    .option('--corpus <dir>', 'add to this corpus folder (default CORPUS_DIR)')
    .option('--story <id>', 'the story (a folder of the corpus) to use; default DEFAULT_STORY, else the first')
    .option('--index <dir>', 'update this index (default: the corpus’s index)')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ corpus?: string; story?: string; index?: string }>();
  const [source] = program.args as [string];
  const started = performance.now();
  const { config, log } = settingsFrom(flags);

  // The operator runs the CLI: hosts on their own network are theirs to fetch (the bot refuses them).
  const article: ExtractedArticle = /^https?:\/\//i.test(source)
    ? await ingestUrl(source, { allowPrivateHosts: true })
    : await ingestFile(path.resolve(source));
  const file = await addArticleFile(config.corpusDir, article);
  const progress = buildProgressReporter(log);
  try {
    const { build, embedder } = await buildCorpusIndex({ settings: config, log, onBuildProgress: progress.onProgress });
    await embedder.close();
    const docId = path
      .relative(config.corpusDir, file)
      .replace(/\.[^.]+$/, '')
      .split(path.sep)
      .join('/');
    const summary = documentSummaries(await loadIndex(build.dir)).find((d) => d.id === docId);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `Added “${article.title}” (${article.date ?? 'undated'}): ${article.paragraphs.length} paragraphs, ` +
        `${summary?.sentences ?? 0} sentences, in ${seconds} s → ${path.relative(process.cwd(), file)}\n`,
    );
    return 0;
  } catch (error) {
    // The new file must not stay in a corpus whose index does not hold it.
    await rm(file, { force: true });
    throw error;
  } finally {
    progress.stop();
  }
}
