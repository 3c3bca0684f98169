/**
 * `npm run bench`: runs the six groups of issue 5, prints a table per group and writes the same
 * figures (with machine info) as JSON.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../src/corpus/load';
import { loadBundledEmbedder } from '../src/embed/bundled';
import type { Engine } from '../src/engine';
import { buildIndex } from '../src/index/build';
import { loadIndex } from '../src/index/load';
import { annTables, benchAnn, type AnnFigures } from './ann';
import { benchBuild, buildTables, type BuildFigures } from './build';
import { benchColdStart, coldStartTables, type ColdStartFigures } from './cold-start';
import { createContext, disposeContext, RESULTS_DIR, type BenchContext, type BenchMode, type BenchOptions } from './context';
import { benchLangchain, buildLangchain, langchainTables, type ComparisonFigures } from './langchain';
import { benchLatency, latencyTables, type LatencyFigures } from './latency';
import { machineInfo, packageVersions, type MachineInfo } from './machine';
import { benchQuality, qualityTables, type QualityFigures } from './quality';
import { renderTable, round, type Table } from './stats';

export const GROUPS = ['latency', 'coldStart', 'build', 'ann', 'quality', 'langchain'] as const;
export type GroupName = (typeof GROUPS)[number];

export interface GroupFailure {
  status: 'error';
  error: string;
}

export interface Target {
  goal: string;
  measured: string;
  met: boolean | null;
}

export interface BenchResults {
  format: 'story-qa-bench';
  formatVersion: 1;
  mode: BenchMode;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: number };
  corpora: { story: string; bbc: string };
  groups: {
    latency: { story: LatencyFigures; bbc: LatencyFigures } | GroupFailure;
    coldStart: ColdStartFigures | GroupFailure;
    build: BuildFigures | GroupFailure;
    ann: AnnFigures | GroupFailure;
    quality: { bbc: QualityFigures; story: QualityFigures } | GroupFailure;
    langchain: ComparisonFigures | GroupFailure;
  };
  /** Seconds each group took (the benchmark's own cost; langchainBuild is the baseline's build). */
  groupSeconds: Record<string, number>;
  targets: Target[];
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const context = createContext(options);
  const { log } = context;
  if (!context.bbcSet) throw new Error('eval/bbc.json is missing: the BBC figures need its questions.');
  const bbcSet = context.bbcSet;
  log(`story-qa bench (${options.mode}): ${context.bbc.label}; scratch ${context.workDir}`);

  const groups: Partial<BenchResults['groups']> = {};
  const groupSeconds: Record<string, number> = {};
  const run = async <T>(name: GroupName | 'langchainBuild', fn: () => Promise<T>): Promise<T | GroupFailure> => {
    const t = performance.now();
    try {
      return await fn();
    } catch (error) {
      log(`  ${name} FAILED: ${(error as Error).stack ?? error}`);
      return { status: 'error', error: (error as Error).message };
    } finally {
      groupSeconds[name] = round((performance.now() - t) / 1000, 1);
    }
  };
  const ok = <T>(value: T | GroupFailure | undefined): value is T => value !== undefined && !isFailure(value);

  const embedder = await loadBundledEmbedder();
  try {
    // The story's index (one article): in-process, its own cache.
    const storyIndexDir = path.join(context.workDir, 'indexes', 'story');
    await buildIndex({
      corpus: await loadCorpus(context.storyCorpus),
      embedder,
      indexDir: storyIndexDir,
      cacheDir: path.join(context.workDir, 'cache-story'),
    });
    const story: Engine = { index: await loadIndex(storyIndexDir), embedder };

    log('[3] index build');
    const built = await run('build', () => benchBuild(context));
    groups.build = ok(built) ? built.figures : built;
    const bbcIndexDir = ok(built) ? built.indexDir : null;
    const bbc: Engine | null = bbcIndexDir ? { index: await loadIndex(bbcIndexDir), embedder } : null;
    const needBbc = async <T>(fn: (engine: Engine) => Promise<T>) => {
      if (!bbc) throw new Error('no BBC index: the build group failed');
      return fn(bbc);
    };
    const storyQuestions = [...context.storySet.answerable.map((q) => q.question), ...context.storySet.unanswerable.map((q) => q.question)];
    const bbcQuestions = [...bbcSet.answerable.map((q) => q.question), ...bbcSet.unanswerable.map((q) => q.question)];

    // The LangChain store is built before the latency run, so both pipelines are timed interleaved.
    log('[6] LangChain.js baseline: build');
    const lc = await run('langchainBuild', () =>
      needBbc((engine) => buildLangchain(context, engine, ok(groups.build) ? groups.build.workers : 2)),
    );

    log('[1] warm query latency');
    groups.latency = await run('latency', async () => ({
      story: await benchLatency('story (1 article)', story, storyQuestions, context.sizes.latencyRounds),
      bbc: await needBbc((engine) =>
        benchLatency(
          `BBC (${context.bbc.documents} articles)`,
          engine,
          bbcQuestions,
          context.sizes.latencyRounds,
          ok(lc) ? lc.competitor : undefined,
        ),
      ),
    }));

    log('[5] retrieval quality');
    groups.quality = await run('quality', async () => ({
      bbc: await needBbc(async (engine) =>
        benchQuality(engine, bbcSet, await loadCorpus(context.bbc.dir), `BBC (${context.bbc.documents} articles)`),
      ),
      story: await benchQuality(story, context.storySet, await loadCorpus(context.storyCorpus), 'story (1 article)'),
    }));

    log('[6] LangChain.js baseline: comparison');
    groups.langchain = ok(lc)
      ? await run('langchain', () =>
          needBbc(async (engine) => {
            if (!ok(groups.build) || !ok(groups.latency) || !ok(groups.quality))
              throw new Error('needs the build, latency and quality groups');
            return benchLangchain(context, engine, bbcSet, lc, {
              build: groups.build,
              latency: groups.latency.bbc,
              quality: groups.quality.bbc,
            });
          }),
        )
      : lc;

    log('[4] ANN quality');
    groups.ann = await run('ann', () => needBbc((engine) => benchAnn(engine, [bbcSet], context.sizes, log)));

    log('[2] cold start');
    groups.coldStart = await run('coldStart', () =>
      benchColdStart(context, [
        {
          label: 'story (1 article)',
          corpusDir: context.storyCorpus,
          indexDir: storyIndexDir,
          question: context.storySet.answerable[0]!.question,
        },
        ...(bbcIndexDir && context.mode !== 'quick'
          ? [
              {
                label: `BBC (${context.bbc.documents} articles)`,
                corpusDir: context.bbc.dir,
                indexDir: bbcIndexDir,
                question: bbcSet.answerable[0]!.question,
              },
            ]
          : []),
      ]),
    );
  } finally {
    await embedder.close();
    disposeContext(context, options.keep);
  }

  const results: BenchResults = {
    format: 'story-qa-bench',
    formatVersion: 1,
    mode: options.mode,
    startedAt,
    durationSeconds: round((performance.now() - started) / 1000, 1),
    // Versions read again: the run may have installed the LangChain.js baseline (bench/langchain).
    machine: { ...machine, versions: packageVersions(), loadAverageAtEnd: round(loadavg()[0]!, 2) },
    corpora: { story: 'corpus/ (1 article)', bbc: context.bbc.label },
    groups: groups as BenchResults['groups'],
    groupSeconds,
    targets: targets(groups as BenchResults['groups'], context),
  };
  writeResults(results, options.out);
  return results;
}

function writeResults(results: BenchResults, out: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  if (results.mode === 'full') copyFileSync(out, path.join(RESULTS_DIR, `${results.startedAt.slice(0, 10)}-full.json`));
}

function isFailure(value: unknown): value is GroupFailure {
  return typeof value === 'object' && value !== null && (value as GroupFailure).status === 'error';
}

/** The targets, each with what this run measured. */
function targets(g: BenchResults['groups'], context: BenchContext): Target[] {
  const out: Target[] = [];
  if (!isFailure(g.latency)) {
    for (const f of [g.latency.story, g.latency.bbc]) {
      out.push({
        goal: `warm ask p50 ≤ 1.5 × bare query embedding p50 (${f.index})`,
        measured: `${f.askMs.total.p50} ms vs ${f.bareEmbedMs.p50} ms = ${f.askOverEmbedP50}×`,
        met: f.askOverEmbedP50 <= 1.5,
      });
    }
  }
  if (!isFailure(g.ann)) {
    const ann = g.ann;
    const big = ann.collections[1]!;
    const at = big.sweep.find((p) => p.ef === ann.defaultParameters.ef)!;
    out.push({
      goal: `HNSW recall@10 ≥ 0.99 at 100,000 vectors, sub-millisecond search`,
      measured: `${big.vectors.toLocaleString('en-US')} vectors: recall@10 ${at.recallAt10}, p50 ${at.queryMs.p50} ms, p99 ${at.queryMs.p99} ms`,
      met: big.vectors >= 100_000 ? at.recallAt10 >= 0.99 && at.queryMs.p50 < 1 : null,
    });
  }
  if (!isFailure(g.build)) {
    const full = context.mode === 'full';
    const projected = (g.build.cold.buildSeconds * 2095) / g.build.cold.documents;
    out.push({
      goal: 'full BBC build (2,095 articles) < 5 min on 2 cores, bundled encoder (index build process, spawn → exit)',
      measured: full
        ? `${g.build.cold.buildSeconds} s (process ${g.build.cold.wallSeconds} s)`
        : `not measured in this mode (${g.build.corpus}: ${g.build.cold.buildSeconds} s; × 2,095/${g.build.cold.documents} ≈ ${round(projected, 0)} s projected)`,
      met: full ? g.build.cold.wallSeconds < 300 : null,
    });
    out.push({
      goal: 'incremental one-document rebuild < 3 s (judged on all 2,095 articles)',
      measured: `buildIndex ${g.build.incremental.buildSeconds} s, whole process ${g.build.incremental.wallSeconds} s (${g.build.corpus})`,
      met: full ? g.build.incremental.buildSeconds < 3 : null,
    });
  }
  if (!isFailure(g.langchain)) {
    const r = g.langchain.ratios;
    out.push({
      goal: 'ahead of the LangChain baseline on query latency',
      measured: `p50 ${g.langchain.ours.queryMs.total.p50} ms vs ${g.langchain.langchain.queryMs.total.p50} ms (LangChain ÷ ours = ${r.queryP50})`,
      met: r.queryP50 > 1,
    });
    out.push({
      goal: 'ahead of the LangChain baseline on recall@3 and MRR (ours: top-3 sentences; LangChain: top-3 ~1000-char chunks)',
      measured: `recall@3 ${g.langchain.ours.recallAt3} vs ${g.langchain.langchain.recallAt3}; MRR@10 ${g.langchain.ours.mrrAt10} vs ${g.langchain.langchain.mrrAt10}`,
      met: g.langchain.ours.recallAt3 >= g.langchain.langchain.recallAt3 && g.langchain.ours.mrrAt10 >= g.langchain.langchain.mrrAt10,
    });
    out.push({
      goal: "ahead of the LangChain baseline on recall with the same amount of text (ours' best sentences up to the length of LangChain's top 3)",
      measured: `${g.langchain.oursAtLangchainTextBudget.recall} vs ${g.langchain.langchain.recallAt3}`,
      met: g.langchain.oursAtLangchainTextBudget.recall >= g.langchain.langchain.recallAt3,
    });
  }
  return out;
}

/** All tables of a results object, in group order. */
export function resultTables(results: BenchResults): Table[] {
  const g = results.groups;
  const tables: Table[] = [];
  const failed = (n: string, f: GroupFailure) => tables.push({ title: `${n}: FAILED — ${f.error}`, columns: [''], rows: [] });
  if (isFailure(g.latency)) failed('1. Warm query latency', g.latency);
  else tables.push(...latencyTables([g.latency.story, g.latency.bbc]));
  if (isFailure(g.coldStart)) failed('2. Cold start', g.coldStart);
  else tables.push(...coldStartTables(g.coldStart));
  if (isFailure(g.build)) failed('3. Index build', g.build);
  else tables.push(...buildTables(g.build));
  if (isFailure(g.ann)) failed('4. ANN quality', g.ann);
  else tables.push(...annTables(g.ann));
  if (isFailure(g.quality)) failed('5. Retrieval quality', g.quality);
  else tables.push(...qualityTables([g.quality.bbc, g.quality.story]));
  if (isFailure(g.langchain)) failed('6. LangChain.js baseline', g.langchain);
  else tables.push(...langchainTables(g.langchain));
  tables.push({
    title: 'Targets (issue 5)',
    columns: ['target', 'measured', 'met'],
    rows: results.targets.map((t) => [t.goal, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
  });
  return tables;
}

export function renderResults(results: BenchResults): string {
  const m = results.machine;
  const header = [
    `story-qa benchmark — ${results.mode} run, ${results.startedAt}, ${results.durationSeconds} s`,
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; model ${m.model}; embed workers ${m.embedWorkers}; load average ${m.loadAverageAtStart} → ${m.loadAverageAtEnd}`,
    `corpora: story = ${results.corpora.story}; BBC = ${results.corpora.bbc}`,
  ].join('\n');
  return [header, ...resultTables(results).map(renderTable)].join('\n\n');
}
