/**
 * What every benchmark group shares: the run's size (quick / default / full), a scratch folder,
 * the corpora copied into it, the eval sets, and a way to run a TypeScript child process and
 * read back what it measured (wall time, its own peak RSS).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EVAL_DIR, readEvalSet, type EvalSet } from '../src/eval/sets';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const BBC_ROOT = path.resolve(REPO_ROOT, '../shared/data/bbc-news/articles');
export const STORY_CORPUS = path.join(REPO_ROOT, 'corpus', 'krebs-fired');
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench', 'results');

export type BenchMode = 'quick' | 'default' | 'full';

export interface BenchSizes {
  /** BBC files per category folder (first N in byte-wise order), or null for all 2,095. */
  bbcPerCategory: number | null;
  /** Rounds over the eval questions for the warm latency figures (after one warm-up round). */
  latencyRounds: number;
  /** Vectors in the synthetic ANN collection. */
  annScale: number;
  /** Queries for the ANN recall figures. */
  annQueries: number;
  /** ef values swept for the ANN figures. */
  efSweep: number[];
  /** Further synthetic collections with smaller noise (cosine of a copy to its source). */
  extraNoiseCosines: number[];
  /** Cap on the synthetic collection: vectors per real chunk vector (null: annScale regardless). */
  maxVectorsPerRealChunk: number | null;
  /** Process starts per cold-start figure. */
  coldRuns: number;
}

export const SIZES: Record<BenchMode, BenchSizes> = {
  quick: {
    bbcPerCategory: 2,
    latencyRounds: 1,
    annScale: 5_000,
    annQueries: 40,
    efSweep: [10, 64],
    extraNoiseCosines: [],
    maxVectorsPerRealChunk: 5,
    coldRuns: 1,
  },
  default: {
    bbcPerCategory: 60,
    latencyRounds: 6,
    annScale: 100_000,
    annQueries: 300,
    efSweep: [10, 16, 32, 64, 128, 256],
    extraNoiseCosines: [],
    maxVectorsPerRealChunk: 5,
    coldRuns: 2,
  },
  full: {
    bbcPerCategory: null,
    latencyRounds: 10,
    annScale: 100_000,
    annQueries: 500,
    efSweep: [10, 16, 32, 64, 128, 256],
    extraNoiseCosines: [0.95],
    maxVectorsPerRealChunk: null,
    coldRuns: 5,
  },
};

export interface BenchOptions {
  mode: BenchMode;
  /** Where the JSON goes. */
  out: string;
  /** Keep the scratch folder (indexes, caches, corpora) for inspection. */
  keep?: boolean;
  /** Groups to run (1..6); all by default. */
  groups?: number[];
  log?: (line: string) => void;
}

export interface BbcCorpus {
  /** The copy the benchmark indexes (and edits, for the incremental rebuild). */
  dir: string;
  documents: number;
  /** Human-readable: "all 2,095 BBC articles" or "500 BBC articles (first 100 per category)". */
  label: string;
  /** The file the incremental rebuild edits (relative to dir); not used by any eval question. */
  editFile: string;
}

export interface BenchContext {
  mode: BenchMode;
  sizes: BenchSizes;
  workDir: string;
  log: (line: string) => void;
  storyCorpus: string;
  bbc: BbcCorpus;
  storySet: EvalSet;
  /** null when eval/bbc.json is not there (yet). */
  bbcSet: EvalSet | null;
}

export function createContext(options: BenchOptions): BenchContext {
  if (!existsSync(BBC_ROOT)) throw new Error(`The BBC articles are not at ${BBC_ROOT}; the benchmark needs them.`);
  const sizes = SIZES[options.mode];
  const workDir = mkdtempSync(path.join(tmpdir(), 'story-qa-bench-'));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const storySet = readEvalSet(path.join(EVAL_DIR, 'story.json'), REPO_ROOT);
  const bbcFile = path.join(EVAL_DIR, 'bbc.json');
  const bbcSet = existsSync(bbcFile) ? readEvalSet(bbcFile, REPO_ROOT) : null;
  const quickDocs = options.mode === 'quick' && bbcSet ? new Set(bbcSet.answerable.map((q) => `${q.docId}.txt`)) : null;
  const bbc = copyBbc(path.join(workDir, 'corpora', 'bbc'), sizes.bbcPerCategory, quickDocs);
  return { mode: options.mode, sizes, workDir, log, storyCorpus: STORY_CORPUS, bbc, storySet, bbcSet };
}

export function disposeContext(context: BenchContext, keep = false): void {
  if (keep) context.log(`scratch folder kept: ${context.workDir}`);
  else rmSync(context.workDir, { recursive: true, force: true });
}

/**
 * Copies the BBC articles the run uses: the first `perCategory` files of each category (the
 * order `materializeCorpus` uses, so the eval set's 45-per-category documents are included), or
 * all of them; in quick mode only the eval set's documents plus the file to edit.
 */
function copyBbc(dest: string, perCategory: number | null, only: Set<string> | null): BbcCorpus {
  let count = 0;
  let editFile = '';
  for (const category of readdirSync(BBC_ROOT).sort()) {
    const files = readdirSync(path.join(BBC_ROOT, category))
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const chosen = only ? files.filter((f) => only.has(`${category}/${f}`)) : perCategory === null ? files : files.slice(0, perCategory);
    mkdirSync(path.join(dest, category), { recursive: true });
    for (const file of chosen) copyFileSync(path.join(BBC_ROOT, category, file), path.join(dest, category, file));
    count += chosen.length;
    // The last file of the last category: past the first 45 per category the eval set draws on
    // (in --quick, one of the eval documents: the edit appends a sentence, gold sentences stay).
    if (chosen.length > 0) editFile = `${category}/${chosen[chosen.length - 1]}`;
  }
  const label = only
    ? `${count} BBC articles (the eval set's documents; --quick)`
    : perCategory === null
      ? `all ${count.toLocaleString('en-US')} BBC articles`
      : `${count} BBC articles (first ${perCategory} per category; use --full for all 2,095)`;
  return { dir: dest, documents: count, label, editFile };
}

// ------------------------------------------------------------------ child processes

export interface ChildResult<T> {
  /** Wall time from spawn to exit, as the parent saw it. */
  wallMs: number;
  /** What the child wrote to its result file. */
  result: T;
  stderr: string;
}

/**
 * Runs `bench/child/<script>.ts` (or the .ts file at an absolute path) in a fresh Node process
 * (tsx loader, no npm/tsx wrapper processes), passing `input` as JSON and reading back the JSON
 * it writes. Children report their own peak RSS (`process.resourceUsage().maxRSS`, which
 * includes worker threads).
 */
export async function runChild<T>(
  context: BenchContext,
  script: string,
  input: unknown,
  env: Record<string, string> = {},
): Promise<ChildResult<T>> {
  const file = path.isAbsolute(script) ? script : path.join(REPO_ROOT, 'bench', 'child', `${script}.ts`);
  const resultFile = path.join(context.workDir, `child-${path.basename(file, '.ts')}-${process.hrtime.bigint()}.json`);
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, JSON.stringify(input), resultFile], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`bench child ${script} exited with ${code}:\n${stderr.slice(-2000)}`);
  return { wallMs, result: JSON.parse(readFileSync(resultFile, 'utf8')) as T, stderr };
}
