import { config as loadDotenv } from 'dotenv';
import { CommanderError } from 'commander';
import { ConfigError } from '../config';
import { QuestionError } from '../answer/question';
import { isUserFacing, StoryQaError } from '../util/errors';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line was used wrongly: printed without a stack trace, exit code 2. */
export class UsageError extends StoryQaError {
  override readonly name = 'UsageError';
}

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
    // Bad input is the caller's (exit 2); other errors meant for users say what failed (exit 1); the rest are bugs.
    const usage = error instanceof UsageError || error instanceof QuestionError || error instanceof ConfigError;
    process.stderr.write(`error: ${isUserFacing(error) ? error.fullMessage : ((error as Error).stack ?? String(error))}\n`);
    process.exitCode = usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}
