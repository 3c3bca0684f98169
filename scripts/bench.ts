import path from 'node:path';
import { Command } from 'commander';
import { runCli, UsageError } from '../src/cli/run';
import { RESULTS_DIR } from '../bench/context';
import { renderResults, runBench } from '../bench/run';

await runCli(async () => {
  const program = new Command('npm run bench --')
    .description('Benchmarks (issue 5): latency, cold start, index build, ANN quality, retrieval quality, LangChain.js baseline.')
    .option('--quick', 'seconds, tiny corpora: checks that everything runs (writes bench/results/quick.json)')
    .option('--full', 'all 2,095 BBC articles for the build and scale figures (also writes bench/results/<date>-full.json)')
    .option('--out <file>', 'where to write the JSON (default bench/results/latest.json)')
    .option('--keep', 'keep the scratch folder (indexes, caches, corpus copies)')
    .exitOverride()
    .parse(process.argv.slice(2), { from: 'user' });
  const flags = program.opts<{ quick?: boolean; full?: boolean; out?: string; keep?: boolean }>();
  if (flags.quick && flags.full) throw new UsageError('--quick and --full exclude each other.');
  const mode = flags.quick ? 'quick' : flags.full ? 'full' : 'default';
  const out = path.resolve(flags.out ?? path.join(RESULTS_DIR, mode === 'quick' ? 'quick.json' : 'latest.json'));
  const results = await runBench({ mode, out, keep: Boolean(flags.keep) });
  process.stdout.write(`${renderResults(results)}\n\nJSON: ${out}\n`);
  return 0;
});
