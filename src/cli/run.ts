import { config as loadDotenv } from 'dotenv';
import { CommanderError } from 'commander';
import { ConfigError } from '../config';
import { CorpusError } from '../corpus/load';
import { EmbedderUnavailableError } from '../embed';
import { IndexError } from '../index/load';
import { QuestionError } from '../answer/question';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error whose message is the whole story: printed without a stack trace. */
export class UsageError extends Error {}

/**
 * Runs a CLI entry point: loads `.env`, maps known failures to a one-line message and an exit
 * code (2 for bad input, 1 for everything else), and keeps stack traces for real bugs.
 */
export async function runCli(main: () => Promise<number | void>): Promise<void> {
  // quiet: dotenv otherwise prints a banner on stdout, which would corrupt --json output.
  loadDotenv({ quiet: true });
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    const usage = error instanceof UsageError || error instanceof QuestionError || error instanceof ConfigError;
    const known = usage || error instanceof CorpusError || error instanceof IndexError || error instanceof EmbedderUnavailableError;
    process.stderr.write(`error: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    process.exitCode = usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}
