import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { loadCorpus } from '../corpus/load';
import { openEngine } from '../engine';
import { calibrateThreshold, evaluate, type EvalReport } from '../eval/evaluate';
import { EVAL_DIR, materializeCorpus, readEvalSet } from '../eval/sets';
import { settingsFrom } from './settings';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** `npm run eval`: retrieval and abstention quality on the eval sets in eval/. */
export async function evalCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run eval --')
    .description('Measure answer quality on the eval sets in eval/.')
    .option('--set <name...>', 'eval sets to run (default: all)')
    .option('--calibrate', 'also print the abstention threshold that best separates the sets’ questions')
    .option('--verbose', 'list every question with the rank of its gold sentence')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ set?: string[]; calibrate?: boolean; verbose?: boolean }>();
  const names =
    flags.set ??
    readdirSync(EVAL_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
  const { config, log } = settingsFrom({});
  const workDir = path.join(path.dirname(config.indexDir), 'eval');

  const reports: EvalReport[] = [];
  for (const name of names) {
    const set = readEvalSet(path.join(EVAL_DIR, `${name}.json`), REPO_ROOT);
    if (!existsSync(set.corpus.root)) {
      log.warn(`Skipping eval set ${name}: its corpus ${set.corpus.root} is not on this machine.`);
      continue;
    }
    const corpusDir = materializeCorpus(set, workDir);
    const settings = { ...config, corpusDir, indexDir: path.join(workDir, `${name}-index`) };
    const { engine } = await openEngine({ settings, log });
    const report = await evaluate(engine, set, await loadCorpus(corpusDir));
    reports.push(report);
    process.stdout.write(formatReport(report, engine.index.manifest.counts.documents, engine.embedder.id, flags.verbose ?? false));
    await engine.embedder.close();
  }
  if (flags.calibrate) {
    const c = calibrateThreshold(reports.flatMap((r) => r.results));
    process.stdout.write(
      `\nCalibrated abstention threshold: ${c.threshold.toFixed(2)} (set ABSTAIN_THRESHOLD in src/answer/abstain.ts)\n` +
        `  on evidence alone it answers ${pct(c.answerableAnswered)} of answerable questions and abstains on ${pct(c.unanswerableAbstained)} of unanswerable ones\n`,
    );
  }
  return 0;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(report: EvalReport, documents: number, model: string, verbose: boolean): string {
  const lines = [
    `\n${report.name}: ${report.answerable} answerable + ${report.unanswerable} unanswerable questions, ${documents} documents, ${model}`,
    `  recall@1 ${pct(report.recallAt1)}   recall@3 ${pct(report.recallAt3)}   MRR ${report.mrr.toFixed(3)}`,
    `  answered with gold evidence ${pct(report.answeredCorrectly)}   quote exactness ${pct(report.quoteExactness)} of ${report.quotesChecked}`,
    `  abstention precision ${pct(report.abstention.precision)}   recall ${pct(report.abstention.recall)}`,
  ];
  if (verbose) {
    for (const r of report.results) {
      const rank = r.answerable ? `gold@${r.goldRank ?? '-'}` : 'n/a   ';
      lines.push(`  ${r.answered ? 'A' : '-'} ${rank.padEnd(7)} ev=${r.evidence.toFixed(3)}  ${r.question}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
