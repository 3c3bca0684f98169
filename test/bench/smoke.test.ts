import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { npmRun } from '../support/cli';
import { HAS_BBC, REPO_ROOT, tempDir } from '../support/paths';

// Runs the benchmark the way a developer would, on tiny corpora, and checks the JSON it writes.
// No timing assertions: figures depend on the machine.
// Needs the BBC articles (the benchmark indexes some of them). The LangChain.js baseline is its own
// package (bench/langchain): the run installs it (npm ci --prefix bench/langchain) when missing,
// so on a clean clone this needs the npm registry.
// The quick run takes about a minute on 2 cores; installing bench/langchain on a clean clone adds some.
const RUN_TIMEOUT = 600_000;

describe.skipIf(!HAS_BBC)('npm run bench -- --quick', () => {
  it(
    'writes valid JSON with all six groups',
    async () => {
      const dir = tempDir('story-qa-bench-smoke-');
      const out = path.join(dir, 'quick.json');
      const { code, stdout, stderr } = await npmRun('bench', ['--quick', '--out', out], { env: { LOG_LEVEL: 'silent' } });
      expect(code, stderr.slice(-3000)).toBe(0);

      const results = JSON.parse(readFileSync(out, 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      expect(results).toMatchObject({ format: 'story-qa-bench', mode: 'quick' });
      expect(results.machine).toEqual(
        expect.objectContaining({
          cpuModel: expect.any(String),
          cores: expect.any(Number),
          node: process.version,
          model: expect.stringContaining('bundled:use-lite'),
        }),
      );
      expect(results.machine.versions['@langchain/community']).toMatch(/^\d+\.\d+\.\d+$/);
      for (const group of ['latency', 'coldStart', 'build', 'ann', 'quality', 'langchain']) {
        expect(results.groups[group], `group ${group}`).toBeTypeOf('object');
        expect(results.groups[group].status, `group ${group}: ${results.groups[group].error}`).not.toBe('error');
      }
      expect(results.groups.latency.bbc.askMs.total.n).toBeGreaterThan(0);
      expect(results.groups.ann.collections).toHaveLength(2);
      expect(results.groups.quality.bbc.modes.map((m: { mode: string }) => m.mode)).toEqual(['hybrid', 'dense', 'lexical']);
      expect(results.groups.langchain.ratios).toEqual(
        expect.objectContaining({ buildTime: expect.any(Number), queryP50: expect.any(Number) }),
      );
      expect(Array.isArray(results.targets)).toBe(true);
      // The same figures are printed as tables, one per group.
      for (const title of [
        '1. Warm query latency',
        '2. Cold start',
        '3. Index build',
        '4. ANN quality',
        '5. Retrieval quality',
        '6. Side by side with LangChain.js',
      ]) {
        expect(stdout).toContain(title);
      }
    },
    RUN_TIMEOUT,
  );

  // The root's tsc leaves bench/langchain out (its packages are not in the root install); the run
  // above installed them, so the baseline's code is type-checked here.
  it('type-checks the LangChain.js baseline package (bench/langchain)', async () => {
    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', 'bench/langchain'], { cwd: REPO_ROOT }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
    );
    expect(result.code, result.stdout).toBe(0);
  }, 300_000);
});
