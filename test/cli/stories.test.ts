import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { npmRun } from '../support/cli';
import { STORY_CORPUS, tempDir } from '../support/paths';

const PORT_STRIKE = `---
title: Dock workers end port strike
date: 2024-05-02
url: https://news.example/port-strike-ends
---
Dock workers at the port of Felixstowe ended their eight-day strike on Wednesday after accepting a pay rise of 7 per cent.

The Unite union said members voted by 81 per cent to accept the offer, which the port's owner made on Monday.

Shipping lines had diverted more than 40 vessels to other ports during the walkout, according to the harbour authority.
`;

describe('several stories side by side', () => {
  let corpusDir: string;
  let indexDir: string;
  const env = () => ({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });

  beforeAll(() => {
    corpusDir = tempDir('stories-corpus-');
    indexDir = tempDir('stories-index-');
    cpSync(STORY_CORPUS, path.join(corpusDir, 'krebs-fired'), { recursive: true });
    mkdirSync(path.join(corpusDir, 'port-strike'));
    writeFileSync(path.join(corpusDir, 'port-strike', 'story.yml'), 'title: Felixstowe port strike\n');
    writeFileSync(path.join(corpusDir, 'port-strike', 'strike-ends.md'), PORT_STRIKE);
  });

  it('--story answers from that story only, with its own index; the default story is the first', async () => {
    const strike = await npmRun('ask', ['--json', '--story', 'port-strike', 'how many ships got diverted'], { env: env() });
    expect(strike.code).toBe(0);
    const answer = JSON.parse(strike.stdout);
    expect(answer.citations.map((c: { docId: string }) => c.docId)).toEqual(answer.citations.map(() => 'strike-ends'));
    expect(answer.citations[0].quote).toContain('more than 40 vessels');

    const krebs = await npmRun('ask', ['--json', 'who is bryan ware'], { env: env() });
    expect(krebs.code).toBe(0);
    expect(JSON.parse(krebs.stdout).citations[0].docId).toBe('krebs-fired');
  });

  it('npm run stories lists each story with its articles, sentences, newest date and index', async () => {
    const { code, stdout } = await npmRun('stories', ['--json'], { env: env() });
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toEqual([
      expect.objectContaining({ id: 'krebs-fired', isDefault: true, articles: 1, newestDate: '2020-11-18', sentences: expect.any(Number) }),
      expect.objectContaining({
        id: 'port-strike',
        title: 'Felixstowe port strike',
        isDefault: false,
        articles: 1,
        newestDate: '2024-05-02',
        sentences: 3,
      }),
    ]);
    const table = await npmRun('stories', [], { env: env() });
    expect(table.stdout).toMatch(/^story\s+title\s+articles\s+sentences\s+newest\s+index built$/m);
    expect(table.stdout).toMatch(/^krebs-fired \(default\)\s+Trump fires CISA director Chris Krebs\s+1\s+\d+\s+2020-11-18\s+\d{4}-/m);
  });

  it('an unknown story is a clear error naming the stories there are, exit 1', async () => {
    const { code, stderr } = await npmRun('ask', ['--story', 'nope', 'who is bryan ware'], { env: env() });
    expect(code).toBe(1);
    expect(stderr).toContain('There is no story "nope". Stories: krebs-fired, port-strike.');
  });
});
