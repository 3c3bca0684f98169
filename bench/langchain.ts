/**
 * Group 6, side by side with the usual LangChain.js pipeline (RecursiveCharacterTextSplitter +
 * HNSWLib, the same bundled encoder wrapped as LangChain Embeddings) on the same corpus, in the
 * same run: build time, query latency, recall@3 / MRR on the same questions, and the ratios.
 *
 * The LangChain.js code is its own package, `bench/langchain/` (own lockfile and `.npmrc`: its
 * peer ranges need `legacy-peer-deps`, which the root install does without). This module measures
 * and compares; it reaches LangChain only through `LangchainPackage`, loaded at run time and
 * installed first (`npm ci --prefix bench/langchain`) when missing or out of date.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rankCandidates } from '../src/answer/rank';
import { analyzeQuestion } from '../src/answer/question';
import type { Embedder } from '../src/embed';
import type { Engine } from '../src/engine';
import type { EvalSet } from '../src/eval/sets';
import { searchChunks } from '../src/index/search';
import type { BuildFigures } from './build';
import type { ChildReport } from './child/io';
import { REPO_ROOT, runChild, type BenchContext } from './context';
import type { Competitor, LatencyFigures } from './latency';
import type { QualityFigures } from './quality';
import { mib, ratio, round, type Summary, type Table } from './stats';

/** The LangChain.js baseline's package: its own package.json, package-lock.json and .npmrc. */
export const LANGCHAIN_DIR = path.join(REPO_ROOT, 'bench', 'langchain');
export const LANGCHAIN_INSTALL = 'npm ci --prefix bench/langchain';
/** The packages whose versions the results record (read from bench/langchain/node_modules). */
export const LANGCHAIN_PACKAGES = ['@langchain/core', '@langchain/community', '@langchain/textsplitters'];

export const LANGCHAIN_SPLIT = { chunkSize: 1000, chunkOverlap: 200 };
const TOP_K = 10;

export interface PipelineFigures {
  name: string;
  chunks: number;
  buildSeconds: number;
  processSeconds: number;
  peakRssMiB: number;
  queryMs: { total: Summary; embed: Summary; search: Summary };
  recallAt1: number;
  recallAt3: number;
  mrrAt10: number;
  /** Text a reader gets with the top 3 results (mean characters). */
  top3Chars: number;
}

export interface ComparisonFigures {
  corpus: string;
  questions: number;
  definitions: Record<string, string>;
  ours: PipelineFigures;
  /** Ours at chunk level: the same hit rule as LangChain (a retrieved chunk contains a gold sentence). */
  oursChunkLevel: { recallAt1: number; recallAt3: number; mrrAt10: number };
  /** Ours given as much text as LangChain's top 3 chunks (per question): is a gold sentence in it? */
  oursAtLangchainTextBudget: { recall: number };
  langchain: PipelineFigures & { split: typeof LANGCHAIN_SPLIT; ef: number; stagesMs: Record<string, number>; storeLoadMs: number };
  /** LangChain ÷ ours. Times: > 1 means ours is faster. Recall / MRR: > 1 means LangChain scores higher. */
  ratios: { buildTime: number; queryP50: number; queryP95: number; recallAt3: number; mrrAt10: number };
}

export interface LangchainBuildInput {
  corpusDir: string;
  storeDir: string;
  workers: number;
  chunkSize: number;
  chunkOverlap: number;
}

export interface LangchainBuildOutput {
  documents: number;
  chunks: number;
  chunkChars: number;
  readMs: number;
  embedderLoadMs: number;
  /** Split + embed (pool start included) + HNSW + save: comparable with buildIndex's time. */
  buildMs: number;
  stages: { splitMs: number; embedMs: number; hnswMs: number; saveMs: number };
}

/** One result of the store's similaritySearchWithScore. */
export interface LangchainHit {
  text: string;
  docId: string;
  score: number;
}

/** A saved HNSWLib store, loaded with our in-process query encoder as its Embeddings. */
export interface LangchainStore {
  /** hnswlib's ef after load. */
  ef: number;
  /** similaritySearchWithScore(question, k), and how long its embedQuery took. */
  search(question: string, k: number): Promise<{ hits: LangchainHit[]; embedMs: number }>;
}

/** What `bench/langchain/store.ts` exports; `bench/langchain/build.ts` is the build's child process. */
export interface LangchainPackage {
  openStore(storeDir: string, embedder: Embedder): Promise<LangchainStore>;
}

export interface LangchainPipeline {
  store: LangchainStore;
  built: LangchainBuildOutput & ChildReport;
  wallMs: number;
  storeLoadMs: number;
  /** The competitor for the interleaved latency measurement of group 1. */
  competitor: Competitor;
}

/** Builds the LangChain store in a child process (cold, like ours), then loads it here with our query encoder. */
export async function buildLangchain(context: BenchContext, engine: Engine, workers: number): Promise<LangchainPipeline> {
  const langchain = await loadLangchainPackage(context.log);
  const input: LangchainBuildInput = {
    corpusDir: context.bbc.dir,
    storeDir: path.join(context.workDir, 'langchain-store'),
    workers,
    ...LANGCHAIN_SPLIT,
  };
  context.log(
    `  [6] LangChain build (RecursiveCharacterTextSplitter ${LANGCHAIN_SPLIT.chunkSize}/${LANGCHAIN_SPLIT.chunkOverlap} + HNSWLib) of ${context.bbc.label}…`,
  );
  const { wallMs, result: built } = await runChild<LangchainBuildOutput & ChildReport>(
    context,
    path.join(LANGCHAIN_DIR, 'build.ts'),
    input,
  );
  context.log(`      ${(built.buildMs / 1000).toFixed(1)} s, ${built.chunks} chunks`);
  const loadStarted = performance.now();
  const store = await langchain.openStore(input.storeDir, engine.embedder);
  const storeLoadMs = performance.now() - loadStarted;
  const competitor: Competitor = {
    name: `LangChain similaritySearchWithScore(q, ${TOP_K})`,
    async query(question) {
      const started = performance.now();
      const { embedMs } = await store.search(question, TOP_K);
      return { totalMs: performance.now() - started, embedMs };
    },
  };
  return { store, built, wallMs, storeLoadMs, competitor };
}

/**
 * Loads `bench/langchain/store.ts`, first running `npm ci --prefix bench/langchain` when its
 * node_modules is missing or does not match its package-lock.json (the root install leaves it out).
 */
export async function loadLangchainPackage(log: (line: string) => void): Promise<LangchainPackage> {
  const stale = staleLangchainInstall();
  if (stale) {
    log(`  [6] the LangChain.js baseline's packages are not installed (${stale}): ${LANGCHAIN_INSTALL}…`);
    const { code, output } = await npmCi(LANGCHAIN_DIR);
    const still = code === 0 ? staleLangchainInstall() : null;
    if (code !== 0 || still)
      throw new Error(
        `the LangChain.js baseline is not installed and \`${LANGCHAIN_INSTALL}\` ${code !== 0 ? `failed (exit ${code})` : `left it incomplete (${still})`}; run it by hand, then npm run bench again:\n${output.slice(-2000)}`,
      );
  }
  // A computed specifier: the root's tsc does not follow it into the package (which has its own tsconfig).
  return (await import(pathToFileURL(path.join(LANGCHAIN_DIR, 'store.ts')).href)) as LangchainPackage;
}

/** Why bench/langchain/node_modules does not match its lockfile, or null when it does. */
export function staleLangchainInstall(): string | null {
  if (!existsSync(path.join(LANGCHAIN_DIR, 'node_modules'))) return 'no bench/langchain/node_modules';
  const lock = JSON.parse(readFileSync(path.join(LANGCHAIN_DIR, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; optional?: boolean; link?: boolean }>;
  };
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where.startsWith('node_modules/') || entry.optional || entry.link || !entry.version) continue;
    const manifest = path.join(LANGCHAIN_DIR, where, 'package.json');
    if (!existsSync(manifest)) return `${where.slice('node_modules/'.length)} missing`;
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    if (version !== entry.version) return `${where.slice('node_modules/'.length)} ${version}, the lockfile has ${entry.version}`;
  }
  return null;
}

function npmCi(dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: null, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export async function benchLangchain(
  context: BenchContext,
  engine: Engine,
  set: EvalSet,
  lc: LangchainPipeline,
  ours: { build: BuildFigures; latency: LatencyFigures; quality: QualityFigures },
): Promise<ComparisonFigures> {
  const { store, built, wallMs, storeLoadMs } = lc;
  const ef = store.ef;
  const questions = [...set.answerable.map((q) => q.question), ...set.unanswerable.map((q) => q.question)];
  const measured = ours.latency.competitor;
  if (!measured) throw new Error('the BBC latency run did not time the LangChain pipeline');

  // Quality: rank of the first retrieved chunk of the gold document that contains a gold sentence.
  const lcRanks: (number | null)[] = [];
  const oursChunkRanks: (number | null)[] = [];
  let lcTop3Chars = 0;
  let oursTop3Chars = 0;
  let budgetHits = 0;
  for (const item of set.answerable) {
    const gold = item.gold.map(squash);
    const holdsGold = (docId: string, text: string) => docId === item.docId && gold.some((g) => squash(text).includes(g));
    const { hits } = await store.search(item.question, TOP_K);
    const budget = hits.slice(0, 3).reduce((sum, hit) => sum + hit.text.length, 0);
    lcTop3Chars += budget;
    const at = hits.findIndex((hit) => holdsGold(hit.docId, hit.text));
    lcRanks.push(at >= 0 ? at + 1 : null);

    const question = analyzeQuestion(item.question);
    const [vector] = await engine.embedder.embed([question.text]);
    const chunks = searchChunks(engine.index, vector!, question.text, { limit: TOP_K });
    const ourAt = chunks.findIndex((c) => holdsGold(c.chunk.docId, c.chunk.text));
    oursChunkRanks.push(ourAt >= 0 ? ourAt + 1 : null);

    // Ours with as much text as LangChain's top 3 chunks for this question: best sentences first.
    const { candidates: scored } = await rankCandidates(engine, question);
    oursTop3Chars += scored.slice(0, 3).reduce((sum, s) => sum + s.sentence.text.length, 0);
    const isGold = (docId: string, text: string) =>
      docId === item.docId && item.gold.some((g) => g === text || g.includes(text) || text.includes(g));
    let used = 0;
    for (const { sentence } of scored) {
      used += sentence.text.length;
      if (used > budget) break;
      if (isGold(sentence.docId, sentence.text)) {
        budgetHits++;
        break;
      }
    }
  }
  oursTop3Chars = Math.round(oursTop3Chars / Math.max(1, set.answerable.length));

  const hybrid = ours.quality.modes.find((m) => m.mode === 'hybrid')!;
  const lcQuery = { total: measured.totalMs, embed: measured.embedMs, search: measured.searchMs };
  const oursFigures: PipelineFigures = {
    name: 'story-qa (sentence chunks, HNSW + BM25, sentence ranking)',
    chunks: ours.build.cold.chunks,
    buildSeconds: ours.build.cold.buildSeconds,
    processSeconds: ours.build.cold.wallSeconds,
    peakRssMiB: ours.build.cold.peakRssMiB,
    queryMs: { total: ours.latency.askMs.total, embed: ours.latency.askMs.embed, search: ours.latency.askMs.search },
    recallAt1: hybrid.recallAt1,
    recallAt3: hybrid.recallAt3,
    mrrAt10: hybrid.mrrAt10,
    top3Chars: oursTop3Chars,
  };
  const lcFigures: ComparisonFigures['langchain'] = {
    name: `LangChain.js (RecursiveCharacterTextSplitter ${LANGCHAIN_SPLIT.chunkSize}/${LANGCHAIN_SPLIT.chunkOverlap} + HNSWLib)`,
    chunks: built.chunks,
    buildSeconds: round(built.buildMs / 1000, 2),
    processSeconds: round(wallMs / 1000, 2),
    peakRssMiB: mib(built.maxRssBytes),
    queryMs: lcQuery,
    ...rankMetrics(lcRanks),
    top3Chars: Math.round(lcTop3Chars / Math.max(1, set.answerable.length)),
    split: LANGCHAIN_SPLIT,
    ef,
    stagesMs: {
      processStart: round(built.startupMs, 0),
      readFiles: round(built.readMs, 0),
      loadEncoder: round(built.embedderLoadMs, 0),
      split: round(built.stages.splitMs, 0),
      embed: round(built.stages.embedMs, 0),
      hnsw: round(built.stages.hnswMs, 0),
      save: round(built.stages.saveMs, 0),
    },
    storeLoadMs: round(storeLoadMs, 1),
  };
  return {
    corpus: context.bbc.label,
    questions: questions.length,
    definitions: {
      ours: 'hit@k: a gold sentence (same document) among the top k sentences rankCandidates() ranks (what ask() cites from); MRR@10 over those sentences',
      oursChunkLevel:
        'hit@k: one of the top k chunks searchChunks() returns (3 sentences each) is from the gold document and contains a gold sentence',
      oursAtLangchainTextBudget:
        "hit: a gold sentence among ours' best sentences, taken in rank order until they hold as many characters as LangChain's top 3 chunks for that question (compare with LangChain's recall@3)",
      langchain: `hit@k: one of the top k chunks similaritySearchWithScore() returns (≤ ${LANGCHAIN_SPLIT.chunkSize} characters each) is from the gold document and contains a gold sentence (white space folded); MRR@10 over those chunks`,
      latency:
        'ours = ask() (embed + hybrid search + sentence ranking + composing the cited answer); LangChain = similaritySearchWithScore(q, 10) (embed + HNSW search, no answer composed); same questions, same rounds, warm',
      build:
        'build s = after the corpus is read and the encoder loaded: chunking + embedding (cold cache, the same worker-pool policy as ours: 2 threads for jobs of ≥ 300 texts) + indexing + writing; process s = spawn → exit',
    },
    ours: oursFigures,
    oursChunkLevel: rankMetrics(oursChunkRanks),
    oursAtLangchainTextBudget: { recall: round(budgetHits / Math.max(1, set.answerable.length)) },
    langchain: lcFigures,
    ratios: {
      buildTime: ratio(lcFigures.buildSeconds, oursFigures.buildSeconds),
      queryP50: ratio(lcQuery.total.p50, oursFigures.queryMs.total.p50),
      queryP95: ratio(lcQuery.total.p95, oursFigures.queryMs.total.p95),
      recallAt3: ratio(lcFigures.recallAt3, oursFigures.recallAt3),
      mrrAt10: ratio(lcFigures.mrrAt10, oursFigures.mrrAt10),
    },
  };
}

function rankMetrics(ranks: (number | null)[]): { recallAt1: number; recallAt3: number; mrrAt10: number } {
  const n = Math.max(1, ranks.length);
  return {
    recallAt1: round(ranks.filter((r) => r === 1).length / n),
    recallAt3: round(ranks.filter((r) => r !== null && r <= 3).length / n),
    mrrAt10: round(ranks.reduce<number>((sum, r) => sum + (r !== null && r <= 10 ? 1 / r : 0), 0) / n),
  };
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function langchainTables(f: ComparisonFigures): Table[] {
  const row = (p: PipelineFigures, recall: { recallAt1: number; recallAt3: number; mrrAt10: number }) => [
    p.name,
    p.chunks,
    p.buildSeconds,
    p.processSeconds,
    p.peakRssMiB,
    p.queryMs.total.p50,
    p.queryMs.total.p95,
    p.queryMs.embed.p50,
    p.queryMs.search.p50,
    recall.recallAt1,
    recall.recallAt3,
    recall.mrrAt10,
    p.top3Chars,
  ];
  return [
    {
      title: `6. Side by side with LangChain.js — ${f.corpus}, ${f.questions} questions, same encoder, same run`,
      columns: [
        'pipeline',
        'chunks',
        'build s',
        'process s',
        'peak RSS MiB',
        'query p50 ms',
        'p95',
        'embed p50',
        'search p50',
        'recall@1',
        'recall@3',
        'MRR@10',
        'top-3 chars',
      ],
      rows: [
        row(f.ours, f.ours),
        [
          '  ours, judged at chunk level (LangChain rule)',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          f.oursChunkLevel.recallAt1,
          f.oursChunkLevel.recallAt3,
          f.oursChunkLevel.mrrAt10,
          null,
        ],
        [
          "  ours, sentences up to LangChain's top-3 text length",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          f.oursAtLangchainTextBudget.recall,
          null,
          f.langchain.top3Chars,
        ],
        row(f.langchain, f.langchain),
        [
          'ratio LangChain ÷ ours',
          null,
          f.ratios.buildTime,
          null,
          null,
          f.ratios.queryP50,
          f.ratios.queryP95,
          null,
          null,
          null,
          f.ratios.recallAt3,
          f.ratios.mrrAt10,
          null,
        ],
      ],
      notes: [
        'ratio row = LangChain ÷ ours: for times > 1 means ours is faster; for recall@3 / MRR > 1 means LangChain scores higher',
        ...Object.entries(f.definitions).map(([k, v]) => `${k}: ${v}`),
        `LangChain HNSWLib: hnswlib defaults M=16, efConstruction=200, ef=${f.langchain.ef} after load (k=10 searches use max(ef, k)); store load ${f.langchain.storeLoadMs} ms; build stages ms: ${Object.entries(
          f.langchain.stagesMs,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
        `top-3 chars = mean characters of text in the top 3 results (ours: sentences; LangChain: chunks): LangChain's hit rule is easier, its top 3 carry ${round(f.langchain.top3Chars / Math.max(1, f.ours.top3Chars), 1)}× the text`,
      ],
    },
  ];
}
