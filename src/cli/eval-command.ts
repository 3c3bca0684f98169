import path from 'node:path';
import { Command } from 'commander';
import { accuracyByType, evaluateQuestions, metricsOf, type Metrics, type QuestionResult } from '../eval/evaluate';
import { openSource, sourceNames } from '../eval/sources';
import { settingsFrom } from './settings';

/** `npm run eval`: answer quality on the eval sets in eval/ and on the SQuAD part, beside a BM25 sentence baseline. */
export async function evalCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run eval --')
    .description('Measure answer quality on the eval sets in eval/ and the SQuAD 2.0 part, with a BM25 sentence baseline.')
    .option('--set <name...>', 'sets to run: file names in eval/, or "squad" (default: all)')
    .option('--verbose', 'list every question of the tuning halves (never the test halves) with its outcome')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ set?: string[]; verbose?: boolean }>();
  const { config, log } = settingsFrom({});
  const workDir = path.join(path.dirname(config.indexDir), 'eval');
  for (const name of flags.set ?? sourceNames()) {
    const source = await openSource(name, config, workDir, log);
    if (!source) continue;
    try {
      const run = await evaluateQuestions(source.engine, source.questions, source.corpus);
      const { counts } = source.engine.index.manifest;
      process.stdout.write(
        `\n${name}: ${counts.documents} documents, ${source.engine.embedder.id}, quote exactness ${pct(run.quoteExactness)} of ${run.quotesChecked}\n`,
      );
      process.stdout.write(formatRun(run.results, flags.verbose ?? false));
    } finally {
      await source.engine.embedder.close();
    }
  }
  return 0;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Metrics per split (test first: the halves nothing was tuned on), accuracy per type, and optionally the tuning questions. */
export function formatRun(results: readonly QuestionResult[], verbose: boolean): string {
  const splits = [...new Set(results.map((r) => r.split ?? 'all'))].sort((a, b) =>
    a === 'test' ? -1 : b === 'test' ? 1 : a.localeCompare(b),
  );
  const lines: string[] = [];
  for (const split of splits) {
    const part = results.filter((r) => (r.split ?? 'all') === split);
    lines.push(`  [${split}] ${formatMetrics(metricsOf(part))}`);
    const types = [...accuracyByType(part)].map(([type, a]) => `${type} ${a.right}/${a.questions}`);
    if (types.length) lines.push(`    first quote right by type: ${types.join(', ')}`);
  }
  if (verbose) {
    for (const r of results.filter((r) => r.split !== 'test')) {
      const outcome = r.answerable
        ? `${r.firstQuoteRight ? 'RIGHT' : r.answered ? 'wrong' : 'REFUSED'} gold@${r.goldRank ?? '-'}`
        : r.answered
          ? 'ANSWERED'
          : 'refused';
      lines.push(
        `    ${outcome.padEnd(16)} p=${r.probability.toFixed(2)} ${(r.type ?? '').padEnd(12)} ${r.intent.padEnd(12)} ${r.question}`,
      );
      if (r.answerable && !r.firstQuoteRight && r.top) lines.push(`${' '.repeat(22)}→ ${r.top.slice(0, 140)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatMetrics(m: Metrics): string {
  return [
    `${m.answerable} answerable + ${m.unanswerable} unanswerable:`,
    `first quote right ${pct(m.firstQuoteRight)}, P@1 ${pct(m.precisionAt1)}, R@3 ${pct(m.recallAt3)}, MRR ${m.mrr.toFixed(3)}, right document ${pct(m.rightDocument)};`,
    `refused: answerable ${pct(m.answerableRefused)}, unanswerable ${pct(m.unanswerableRefused)};`,
    `BM25 sentence baseline P@1 ${pct(m.baseline.precisionAt1)}, R@3 ${pct(m.baseline.recallAt3)}, MRR ${m.baseline.mrr.toFixed(3)}`,
  ].join(' ');
}
