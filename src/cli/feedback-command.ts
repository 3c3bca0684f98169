import { plural } from '../util/plural';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadEngineConfig } from '../config';
import { feedbackEvalSet } from '../eval/feedback-set';
import { databaseFile, DatabaseError, DEFAULT_WORST_LIMIT, openDatabase, type FeedbackSummary } from '../storage';
import { clip } from '../util/clip';
import { UsageError } from './run';

/** Long enough to recognise a question or a quote, short enough for one terminal line with its indent. */
const LINE_CHARS = 100;

/** `npm run feedback`: what readers thought of the answers, and an eval set drafted from their votes. */
export async function feedbackCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run feedback --')
    .description("Summarise readers' votes on answers; optionally export them as an eval set.")
    .option('--db <file>', 'the bot database to read')
    .option('--data-dir <dir>', 'the data folder holding it (default: DATA_DIR or ./data)')
    .option('--limit <n>', `how many of the worst-rated answers to list (default ${DEFAULT_WORST_LIMIT})`, positiveInteger)
    .option('--export <file>', 'write the votes in the eval-set format of eval/*.json (never overwrites a file)')
    .option('--corpus <dir>', 'the corpus the exported set is asked against (default: CORPUS_DIR or ./corpus)')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ db?: string; dataDir?: string; limit?: number; export?: string; corpus?: string }>();
  if (flags.db && flags.dataDir) throw new UsageError('Give --db or --data-dir, not both.');
  const file = path.resolve(flags.db ?? databaseFile(flags.dataDir ?? (process.env.DATA_DIR || 'data')));
  if (flags.export && existsSync(flags.export)) throw new UsageError(`${flags.export} already exists; export to a new file.`);

  const db = openOrExplain(file);
  try {
    process.stdout.write(formatSummary(db.feedback.summary({ limit: flags.limit })));
    if (flags.export) {
      const corpusDir = flags.corpus ? path.resolve(flags.corpus) : loadEngineConfig().corpusDir;
      const set = feedbackEvalSet(db.feedback.ratedAnswers(), {
        corpusRoot: path.relative(process.cwd(), corpusDir) || '.',
        description: `Drafted from readers' votes in ${file} on ${new Date().toISOString().slice(0, 10)}: answers voted up are answerable questions whose gold is what they cited (check it); answers voted down are in "review", to be turned into answerable questions with the right gold or into unanswerable ones.`,
      });
      writeFileSync(flags.export, `${JSON.stringify(set, null, 2)}\n`, { flag: 'wx' });
      process.stderr.write(`Wrote ${flags.export}: ${set.answerable.length} answerable, ${set.review.length} to review.\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

function openOrExplain(file: string) {
  try {
    return openDatabase(file, { mustExist: true });
  } catch (error) {
    // A file that is missing or not ours is the caller's input: said in one line, exit code 2.
    if (error instanceof DatabaseError && error.userFacing) throw new UsageError(error.fullMessage);
    throw error;
  }
}

export function formatSummary(summary: FeedbackSummary): string {
  if (summary.votes === 0) return 'No feedback votes yet.\n';
  const lines = [
    `${plural(summary.votes, 'vote')} on ${plural(summary.questions, 'question')}: ${summary.up} up, ${summary.down} down.`,
    '',
  ];
  if (summary.worst.length === 0) lines.push('No answer has more votes down than up.');
  else lines.push('Worst-rated answers:');
  for (const answer of summary.worst) {
    lines.push(
      `${String(answer.net).padStart(4)}  (${answer.up} up, ${answer.down} down)  ${clip(answer.question, LINE_CHARS)}  [${answer.intent}]`,
    );
    for (const c of answer.citations) lines.push(`        ${c.docId}: “${clip(c.quote, LINE_CHARS)}”`);
  }
  return `${lines.join('\n')}\n`;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}
