import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import { currentBuildDir } from '../../src/index/files';
import { npmRun } from '../support/cli';
import { STORY_CORPUS, tempDir } from '../support/paths';

const CONTRACT_KEYS = ['answer', 'answerSpan', 'answered', 'citations', 'intent', 'model', 'question', 'timings'];
const CITATION_KEYS = ['date', 'docId', 'end', 'id', 'paragraph', 'quote', 'score', 'start', 'title'];

let indexDir: string;
let storyText: string;
const env = () => ({ INDEX_DIR: indexDir, CORPUS_DIR: STORY_CORPUS });

beforeAll(async () => {
  indexDir = tempDir('cli-index-');
  storyText = (await loadCorpus(STORY_CORPUS)).documents[0]!.text;
});

describe('npm run ask', () => {
  it('builds the missing index first, saying so on stderr, and prints a cited answer', async () => {
    const { code, stdout, stderr } = await npmRun('ask', ['Why was Krebs fired?'], { env: env() });
    expect(code).toBe(0);
    expect(stderr).toMatch(/Building the index \(no index yet\)/);
    expect(stdout).toContain('for saying the November 3 presidential election was clean and fair.');
    expect(stdout).toMatch(/\[1\]/);
    expect(stdout).toMatch(/Sources: .*Trump fires CISA director Chris Krebs.*2020-11-18/);
    expect(stdout.trim().length).toBeLessThanOrEqual(2000);
  });

  it('--json prints exactly one contract object per question, and nothing else on stdout', async () => {
    const { code, stdout } = await npmRun('ask', ['--json', 'Why was Krebs fired?', 'Who is Bryan Ware?'], { env: env() });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const answers = lines.map((line) => JSON.parse(line));
    for (const answer of answers) {
      expect(Object.keys(answer).sort()).toEqual(CONTRACT_KEYS);
      expect(answer.answered).toBe(true);
      expect(answer.model).toBe('bundled:use-lite');
      for (const key of ['embedMs', 'searchMs', 'totalMs']) expect(typeof answer.timings[key]).toBe('number');
      expect(answer.citations.length).toBeGreaterThanOrEqual(1);
      answer.citations.forEach((c: Record<string, unknown>, i: number) => {
        expect(Object.keys(c).sort()).toEqual(CITATION_KEYS);
        expect(c.id).toBe(i + 1);
        // Verbatim, checked against the corpus file itself.
        expect(storyText.slice(c.start as number, c.end as number)).toBe(c.quote);
        expect(c).toMatchObject({ docId: 'krebs-fired', title: 'Trump fires CISA director Chris Krebs', date: '2020-11-18' });
      });
    }
    expect(answers[0].question).toBe('Why was Krebs fired?');
    expect(answers[0].citations[0].quote).toContain('for saying the November 3 presidential election was clean and fair');
    expect(answers[1].citations[0].quote).toContain('Bryan Ware, the assistant director for cybersecurity at CISA');
  });

  it('says the story does not answer a question it cannot answer', async () => {
    const { stdout } = await npmRun('ask', ['--json', 'What is the capital of Australia?'], { env: env() });
    const answer = JSON.parse(stdout);
    expect(answer.answered).toBe(false);
    expect(answer.answer).toMatch(/doesn’t say/);
  });

  it('reads one question per line from stdin with "-", skipping blank lines', async () => {
    const { code, stdout } = await npmRun('ask', ['--json', '-'], { env: env(), input: 'Who is Bryan Ware?\n\nWhen did Ware resign?\n' });
    expect(code).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).question),
    ).toEqual(['Who is Bryan Ware?', 'When did Ware resign?']);
  });

  it('rejects an empty question with exit code 2 and a clear message', async () => {
    const { code, stdout, stderr } = await npmRun('ask', ['   '], { env: env() });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/question is empty/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('cuts a question over 1,000 characters with a warning, and still answers', async () => {
    const long = `Why was Krebs fired? ${'Please explain in detail. '.repeat(60)}`;
    const { code, stdout, stderr } = await npmRun('ask', ['--json', long], { env: env() });
    expect(code).toBe(0);
    expect(stderr).toMatch(/only its first \d+ were used/);
    expect(JSON.parse(stdout).question.length).toBeLessThanOrEqual(1000);
  });

  it('rebuilds a stale index when the corpus changed', async () => {
    const corpusDir = tempDir('cli-corpus-');
    cpSync(STORY_CORPUS, corpusDir, { recursive: true });
    const ownIndex = tempDir('cli-index-');
    await npmRun('ask', ['Who is Bryan Ware?'], { env: { INDEX_DIR: ownIndex, CORPUS_DIR: corpusDir } });
    writeFileSync(path.join(corpusDir, 'bridge.txt'), 'Bridge opens\n\nThe mayor opened the Elm Street bridge on Monday.');
    const { stderr, stdout } = await npmRun('ask', ['--json', 'Who opened the Elm Street bridge?'], {
      env: { INDEX_DIR: ownIndex, CORPUS_DIR: corpusDir },
    });
    expect(stderr).toMatch(/corpus changed/);
    expect(JSON.parse(stdout).citations[0].quote).toBe('The mayor opened the Elm Street bridge on Monday.');
  });

  it('--index answers from that index exactly as it is, never rebuilding it', async () => {
    const before = statSync(path.join(currentBuildDir(indexDir)!, 'manifest.json')).mtimeMs;
    const otherCorpus = tempDir('cli-other-');
    writeFileSync(path.join(otherCorpus, 'x.txt'), 'X\n\nSomething else entirely.');
    const { code, stdout, stderr } = await npmRun('ask', ['--json', '--index', indexDir, 'Who is Bryan Ware?'], {
      env: { CORPUS_DIR: otherCorpus },
    });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/Building/);
    expect(JSON.parse(stdout).citations[0].docId).toBe('krebs-fired');
    expect(statSync(path.join(currentBuildDir(indexDir)!, 'manifest.json')).mtimeMs).toBe(before);
  });

  it('--index on a folder without an index fails clearly (exit 1), without building', async () => {
    const { code, stderr } = await npmRun('ask', ['--index', tempDir('none-'), 'Who is Bryan Ware?']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No index in .*npm run index/);
  });

  it('--corpus answers from another corpus, with its own index', async () => {
    const corpusDir = tempDir('cli-corpus-');
    writeFileSync(
      path.join(corpusDir, 'port.md'),
      '---\ntitle: Port strike ends\ndate: 2024-05-02\n---\nDock workers ended their strike on Wednesday after a pay deal.\n',
    );
    const { code, stdout } = await npmRun('ask', ['--json', '--corpus', corpusDir, 'Why did the dock strike end?'], {
      env: { INDEX_DIR: path.join(tempDir('cli-data-'), 'index') },
    });
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.citations[0]).toMatchObject({ docId: 'port', title: 'Port strike ends', date: '2024-05-02' });
    expect(readFileSync(path.join(corpusDir, 'port.md'), 'utf8')).toContain(answer.citations[0].quote);
  });
});
