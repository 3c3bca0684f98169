import { Command } from 'commander';
import { summary } from '../answer/ask';
import { answerJson } from './answer-json';
import { UsageError } from './run';
import { openCommandEngine } from './settings';

/** `npm run summary`: the lead and the most central sentences of the corpus or of one article, cited. */
export async function summaryCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run summary --')
    .description('Summarise the corpus (or one article) with its lead and most central sentences, verbatim and cited.')
    .option('--doc <id>', 'summarise this article only (its id: the file path without extension, as /sources and --json show it)')
    .option('--json', 'print the answer as one JSON object, as `npm run ask -- --json` does')
    .option('--corpus <dir>', 'summarise this corpus (its index is built or refreshed as needed)')
    .option('--story <id>', 'the story (a folder of the corpus) to use; default DEFAULT_STORY, else the first')
    .option('--index <dir>', 'use this index exactly as it is, never rebuilding it')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ doc?: string; json?: boolean; corpus?: string; story?: string; index?: string }>();
  const { engine } = await openCommandEngine(flags);
  try {
    if (flags.doc && !engine.index.documentById.has(flags.doc)) {
      const known = engine.index.documents.slice(0, 5).map((d) => d.id);
      throw new UsageError(
        `No article "${flags.doc}" in the index. Articles are named by path without extension, e.g. ${known.join(', ')}.`,
      );
    }
    const answer = summary(engine, { docId: flags.doc });
    process.stdout.write(`${flags.json ? answerJson(answer) : answer.answer}\n`);
    return 0;
  } finally {
    await engine.embedder.close();
  }
}
