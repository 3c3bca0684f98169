import { spawn } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import { currentBuildDir } from '../../src/index/files';
import { loadIndex } from '../../src/index/load';
import { npmRun } from '../support/cli';
import { REPO_ROOT, STORY_CORPUS, tempDir } from '../support/paths';

/** A corpus with enough new sentences that embedding them takes a few seconds. */
function largerCorpus(): string {
  const dir = tempDir('big-corpus-');
  cpSync(STORY_CORPUS, dir, { recursive: true });
  for (let doc = 0; doc < 12; doc++) {
    const sentences = Array.from(
      { length: 30 },
      (_, i) => `Council ${doc} approved plan ${i} for the district of Elm ${doc * 100 + i} on Monday.`,
    );
    writeFileSync(path.join(dir, `council-${doc}.txt`), `Council story ${doc}\n\n${sentences.join(' ')}`);
  }
  return dir;
}

describe('npm run index', () => {
  it('builds the index of --corpus into --out and prints one summary line', async () => {
    const out = tempDir('index-out-');
    const { code, stderr } = await npmRun('index', ['--corpus', STORY_CORPUS, '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/Indexed 1 documents, \d+ chunks .* with bundled:use-lite in [\d.]+ s/);
    expect((await loadIndex(out)).manifest.counts.documents).toBe(1);
  });

  it('keeps the previous index loadable when killed half-way through a rebuild', async () => {
    const out = tempDir('index-kill-');
    await npmRun('index', ['--corpus', STORY_CORPUS, '--out', out]);
    const storyHash = (await loadCorpus(STORY_CORPUS)).hash;
    const liveBefore = currentBuildDir(out);

    // A fresh cache, so the rebuild has real encoding to do when it is killed.
    const child = spawn('npm', ['run', '--silent', 'index', '--', '--corpus', largerCorpus(), '--out', out], {
      cwd: REPO_ROOT,
      env: { ...process.env, EMBEDDING_MODEL: 'bundled', CACHE_DIR: tempDir('cache-') },
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (data) => {
        stderr += data;
        // Kill the whole process group (npm, its shell, node) once encoding is under way.
        if (/embedding [1-9]\d*\/\d+ sentences/.test(stderr)) {
          process.kill(-child.pid!, 'SIGKILL');
          resolve();
        }
      });
      child.on('close', () => reject(new Error(`index finished before it could be killed:\n${stderr}`)));
    });
    await new Promise((resolve) => child.on('close', resolve));

    expect(currentBuildDir(out)).toBe(liveBefore);
    const index = await loadIndex(out);
    expect(index.manifest.corpus.hash).toBe(storyHash);
  });

  it('fails clearly on a corpus without a usable document, leaving the existing index untouched', async () => {
    const out = tempDir('index-bad-');
    await npmRun('index', ['--corpus', STORY_CORPUS, '--out', out]);
    const liveBefore = currentBuildDir(out);
    const empty = tempDir('empty-corpus-');
    writeFileSync(path.join(empty, 'blank.txt'), '\n\n');
    const { code, stderr } = await npmRun('index', ['--corpus', empty, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Skipping blank\.txt: empty/);
    expect(stderr).toMatch(/No usable article/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(currentBuildDir(out)).toBe(liveBefore);
    expect(readdirSync(out).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });
});
