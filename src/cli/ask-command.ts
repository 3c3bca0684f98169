import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { ask } from '../answer/ask';
import { analyzeQuestion } from '../answer/question';
import type { Answer } from '../answer/types';
import { answerJson } from './answer-json';
import { UsageError } from './run';
import { openCommandEngine } from './settings';

/** `npm run ask`: answers questions from the command line, as text or as JSON lines. */
export async function askCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run ask --')
    .description('Answer questions about the corpus with verbatim, cited quotes.')
    .argument('[questions...]', 'questions to answer; "-" reads one question per line from stdin')
    .option('--json', 'print one JSON object per question, one per line')
    .option('--corpus <dir>', 'answer from this corpus (its index is built or refreshed as needed)')
    .option('--story <id>', 'the story (a folder of the corpus) to use; default DEFAULT_STORY, else the first')
    .option('--index <dir>', 'answer from this index exactly as it is, never rebuilding it')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ json?: boolean; corpus?: string; story?: string; index?: string }>();
  const args = program.args;
  if (args.length === 0)
    throw new UsageError('No question given. Usage: npm run ask -- "your question" (or - to read questions from stdin).');
  // Reject a blank question before loading anything: it is the caller's mistake, not ours.
  for (const arg of args) if (arg !== '-') analyzeQuestion(arg);

  const { engine, log } = await openCommandEngine(flags);

  const print = (answer: Answer) => {
    for (const warning of answer.warnings) log.warn(warning);
    if (flags.json) {
      process.stdout.write(`${answerJson(answer)}\n`);
    } else {
      process.stdout.write(`${answer.answer}\n\n`);
    }
  };

  let failures = 0;
  for await (const question of questions(args)) {
    try {
      print(await ask(engine, question));
    } catch (error) {
      // One bad line of a batch must not lose the answers to the others.
      if (!args.includes('-')) throw error;
      failures++;
      log.error(`skipped question "${question.slice(0, 80)}": ${(error as Error).message}`);
    }
  }
  await engine.embedder.close();
  return failures > 0 ? 2 : 0;
}

async function* questions(args: string[]): AsyncGenerator<string> {
  for (const arg of args) {
    if (arg !== '-') {
      yield arg;
      continue;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim()) yield line;
    }
  }
}
