import { Command, InvalidArgumentError } from 'commander';
import { describeTimelineProblem, timeline, timelineJson, timelinePages, TimelineQueryError } from '../timeline';
import { UsageError } from './run';
import { openCommandEngine } from './settings';

/** Pages as long as a Discord message, so the terminal shows what the bot would post. */
const TERMINAL_PAGE_CHARS = 2000;

/** `npm run timeline`: the story's dated events, optionally about a topic and within dates. */
export async function timelineCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run timeline --')
    .description('Print the timeline of the corpus: dated events with verbatim quotes.')
    .option('--topic <text>', 'only events about this (e.g. "Bryan Ware")')
    .option('--from <date>', 'only events on or after this date (YYYY, YYYY-MM, YYYY-MM-DD or "12 November 2020")')
    .option('--to <date>', 'only events on or before this date')
    .option('--limit <n>', 'at most this many events', positiveInteger)
    .option('--json', 'print {"events": [...]} as one JSON object')
    .option('--corpus <dir>', 'timeline of this corpus (its index is built or refreshed as needed)')
    .option('--story <id>', 'the story (a folder of the corpus) to use; default DEFAULT_STORY, else the first')
    .option('--index <dir>', 'use this index exactly as it is, never rebuilding it')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{
    topic?: string;
    from?: string;
    to?: string;
    limit?: number;
    json?: boolean;
    corpus?: string;
    story?: string;
    index?: string;
  }>();

  const { engine, log } = await openCommandEngine(flags);
  try {
    const result = await timeline(engine, flags);
    if (flags.json) process.stdout.write(`${JSON.stringify(timelineJson(result))}\n`);
    else process.stdout.write(`${timelinePages(engine, result, TERMINAL_PAGE_CHARS).join('\n\n')}\n`);
    if (result.events.length === 0)
      log.warn(flags.topic ? `No dated events match the topic "${flags.topic}".` : 'No dated events in this range.');
    return 0;
  } catch (error) {
    if (error instanceof TimelineQueryError) throw new UsageError(describeTimelineProblem(error.problem, (bound) => `--${bound}`));
    throw error;
  } finally {
    await engine.embedder.close();
  }
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}
