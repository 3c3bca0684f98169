import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { openSource, sourceNames, type EvalSource } from '../eval/sources';
import { collectExamples, train } from '../train/train';
import { settingsFrom } from './settings';

const MODEL_DIR = path.resolve(import.meta.dirname, '../answer/rank');

/**
 * `npm run train`: fits the sentence ranker and the abstention model on the training questions
 * (tuning halves, the older sets, SQuAD's training articles) and writes them, with a record of
 * what they were trained on and the cross-validation figures, to src/answer/rank/*.json.
 */
export async function trainCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run train --')
    .description('Train the sentence ranker and the abstention model; writes src/answer/rank/ranker.json and abstainer.json.')
    .option('--dry-run', 'train and print the record, but do not write the models')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ dryRun?: boolean }>();
  const { config, log } = settingsFrom({});
  const workDir = path.join(path.dirname(config.indexDir), 'eval');
  const sources: EvalSource[] = [];
  try {
    for (const name of sourceNames()) {
      const source = await openSource(name, config, workDir, log);
      if (source) sources.push(source);
    }
    const examples = await collectExamples(sources);
    log.info(`ranking features of ${examples.length} training questions collected; fitting`);
    const { ranker, abstainer, record } = train(examples, (message) => log.info(message));
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    if (!flags.dryRun) {
      writeFileSync(path.join(MODEL_DIR, 'ranker.json'), `${JSON.stringify({ trainedOn: record, model: ranker }, null, 2)}\n`);
      writeFileSync(
        path.join(MODEL_DIR, 'abstainer.json'),
        `${JSON.stringify({ trainedOn: record, threshold: abstainer.threshold, model: abstainer.model }, null, 2)}\n`,
      );
      log.info(`models written to ${MODEL_DIR}`);
    }
    return 0;
  } finally {
    await Promise.all(sources.map((s) => s.engine.embedder.close()));
  }
}
