import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../../src/corpus/load';
import { BBC_MISSING, BBC_ROOT, HAS_BBC, STORY_CORPUS, tempDir } from '../support/paths';

function corpusOf(files: Record<string, string | Buffer>): string {
  const dir = tempDir('corpus-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('loading a corpus', () => {
  it('reads the story with its title and publication date', async () => {
    const corpus = await loadCorpus(STORY_CORPUS);
    expect(corpus.documents).toHaveLength(1);
    const [story] = corpus.documents;
    expect(story).toMatchObject({ id: 'krebs-fired', title: 'Trump fires CISA director Chris Krebs', date: '2020-11-18' });
    expect(story!.text.startsWith('The President of the United States')).toBe(true);
    expect(story!.paragraphs).toHaveLength(13);
  });

  it('understands YAML front matter: title, date, source or url', async () => {
    const dir = corpusOf({
      'a.md': '---\ntitle: "Rates rise"\ndate: 2021-03-04\nurl: https://example.com/rates\n---\nThe bank raised rates.\n\nMarkets fell.',
    });
    const [doc] = (await loadCorpus(dir)).documents;
    expect(doc).toMatchObject({ id: 'a', title: 'Rates rise', date: '2021-03-04', source: 'https://example.com/rates' });
    expect(doc!.text).toBe('The bank raised rates.\n\nMarkets fell.');
  });

  it('takes a leading "date YYYY-MM-DD" marker as the publication date', async () => {
    const dir = corpusOf({ 'seed.txt': ' date 2020-11-18 The President fired him.\n\nHe replied.' });
    const [doc] = (await loadCorpus(dir)).documents;
    expect(doc!.date).toBe('2020-11-18');
    expect(doc!.text.startsWith('The President fired him.')).toBe(true);
  });

  it('takes a short first line followed by a blank line as the title (the BBC layout)', async () => {
    const dir = corpusOf({ 'business/shell.txt': '$1m payoff for former Shell boss\n\nShell is to pay $1m.\n\nMore text.' });
    const [doc] = (await loadCorpus(dir)).documents;
    expect(doc).toMatchObject({ id: 'business/shell', title: '$1m payoff for former Shell boss', date: null });
    expect(doc!.text).toBe('Shell is to pay $1m.\n\nMore text.');
  });

  it('does not mistake a lead sentence for a title, and names the document after its file', async () => {
    const dir = corpusOf({ 'city-budget.txt': 'The council approved the budget on Monday.\n\nIt takes effect in May.' });
    const [doc] = (await loadCorpus(dir)).documents;
    expect(doc!.title).toBe('City budget');
    expect(doc!.text.startsWith('The council approved')).toBe(true);
  });

  it('reads .txt and .md recursively, ignores other files and hidden folders, ids from paths', async () => {
    const dir = corpusOf({
      'a.txt': 'Alpha\n\nText a.',
      'nested/deeper/b.md': 'Beta\n\nText b.',
      'notes.json': '{}',
      '.git/c.txt': 'Hidden\n\nText c.',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.documents.map((d) => d.id)).toEqual(['a', 'nested/deeper/b']);
  });

  it('skips empty, binary, non-UTF-8, unreadable and malformed files with a reason, keeping the rest', async () => {
    const dir = corpusOf({
      'good.txt': 'Good\n\nA usable article.',
      'empty.txt': '   \n',
      'binary.txt': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]),
      'latin1.txt': Buffer.from('Caf\xe9 news\n\nPrix en hausse.', 'latin1'),
      'bad-front-matter.md': '---\ntitle: [unclosed\n---\nBody.',
      'locked.txt': 'Locked\n\nSecret.',
    });
    chmodSync(path.join(dir, 'locked.txt'), 0o000);
    const skipped: string[] = [];
    const corpus = await loadCorpus(dir, { onSkip: (s) => skipped.push(s.path) });
    expect(corpus.documents.map((d) => d.id)).toEqual(process.getuid?.() === 0 ? ['good', 'locked'] : ['good']);
    const reasons = Object.fromEntries(corpus.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['bad-front-matter.md']).toMatch(/front matter/);
    if (process.getuid?.() !== 0) expect(reasons['locked.txt']).toMatch(/unreadable/);
    expect(skipped).toEqual(corpus.skipped.map((s) => s.path));
  });

  it('fails clearly when no file is usable or the folder does not exist', async () => {
    await expect(loadCorpus(corpusOf({ 'empty.txt': '' }))).rejects.toThrow(CorpusError);
    await expect(loadCorpus(corpusOf({ 'empty.txt': '' }))).rejects.toThrow(/No usable article.*empty\.txt: empty/);
    await expect(loadCorpus('/nonexistent/corpus')).rejects.toThrow(/does not exist/);
  });

  it('hashes content: equal corpora hash equal, an edit changes the hash', async () => {
    const a = await loadCorpus(corpusOf({ 'x.txt': 'X\n\nOne.' }));
    const b = await loadCorpus(corpusOf({ 'x.txt': 'X\n\nOne.' }));
    const c = await loadCorpus(corpusOf({ 'x.txt': 'X\n\nTwo.' }));
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it.skipIf(!HAS_BBC)('reads all 2,095 BBC articles with their titles', async () => {
    const corpus = await loadCorpus(BBC_ROOT);
    expect(corpus.documents).toHaveLength(2095);
    expect(corpus.skipped).toEqual([]);
    const shell = corpus.documents.find((d) => d.id === 'business/1m-payoff-for-former-shell-boss');
    expect(shell?.title).toBe('$1m payoff for former Shell boss');
  });
  it.skipIf(HAS_BBC)(BBC_MISSING, () => {});
});
