import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import { parseArticle, splitParagraphs } from '../../src/corpus/parse';
import { serializeArticle } from '../../src/ingest/serialize';
import { slugFor } from '../../src/ingest/slug';
import type { ExtractedArticle } from '../../src/ingest/types';
import { writeArticleFile } from '../../src/ingest/write-file';
import { BBC_MISSING, HAS_BBC, tempDir } from '../support/paths';
import { bbcSample, krebsStory } from './support/articles';
import { problemOf } from './support/problems';

const ADDED = new Date('2026-11-30T12:34:56.000Z');
const story = krebsStory();

function articleOf(overrides: Partial<ExtractedArticle> = {}): ExtractedArticle {
  return {
    title: story.title,
    date: '2020-11-18',
    author: 'Jane Smith',
    publisher: 'Daily Courier',
    url: 'https://news.example/krebs',
    paragraphs: story.paragraphs,
    words: 400,
    ...overrides,
  };
}

function readBack(markdown: string) {
  const parsed = parseArticle(markdown);
  return { ...parsed, paragraphs: splitParagraphs(parsed.text).map((p) => parsed.text.slice(p.start, p.end)) };
}

describe('serializeArticle', () => {
  it('writes YAML front matter and blank-line separated paragraphs that parse back to the same paragraphs', () => {
    const markdown = serializeArticle(articleOf(), ADDED);
    expect(markdown.startsWith('---\n')).toBe(true);
    const back = readBack(markdown);
    expect(back).toMatchObject({ title: story.title, date: '2020-11-18' });
    expect(back.paragraphs).toEqual(story.paragraphs);
  });

  it.skipIf(!HAS_BBC)('round-trips the paragraphs of BBC articles exactly', () => {
    for (const article of bbcSample(3)) {
      expect(readBack(serializeArticle(articleOf({ title: article.title, paragraphs: article.paragraphs }), ADDED)).paragraphs).toEqual(
        article.paragraphs,
      );
    }
  });
  if (!HAS_BBC) it.skip(BBC_MISSING, () => {});

  it('keeps titles with colons, quotes, hashes and leading punctuation intact', () => {
    for (const title of ['Krebs: "We did it right"', "It's 'fine' — #1 story", '- a list? no', '2020-11-18', 'null', '@handle: [x] {y}']) {
      expect(readBack(serializeArticle(articleOf({ title }), ADDED)).title).toBe(title);
    }
  });

  it('writes every field the article has, and the time it was added', () => {
    expect(parseFrontMatter(serializeArticle(articleOf(), ADDED))).toEqual({
      title: story.title,
      date: '2020-11-18',
      url: 'https://news.example/krebs',
      source: 'Daily Courier',
      author: 'Jane Smith',
      added: '2026-11-30T12:34:56.000Z',
    });
  });

  it('omits the date, url, source and author when the article has none, rather than writing them empty', () => {
    const markdown = serializeArticle(articleOf({ date: null, url: null, publisher: null, author: null }), ADDED);
    expect(parseFrontMatter(markdown)).toEqual({ title: story.title, added: '2026-11-30T12:34:56.000Z' });
    expect(readBack(markdown).date).toBeNull();
  });

  it('is read by the corpus loader as a document with the same paragraphs', async () => {
    const dir = tempDir('ingest-corpus-');
    writeFileSync(path.join(dir, 'krebs.md'), serializeArticle(articleOf({ publisher: null }), ADDED));
    const [doc] = (await loadCorpus(dir)).documents;
    expect(doc).toMatchObject({ id: 'krebs', title: story.title, date: '2020-11-18', source: 'https://news.example/krebs' });
    expect(doc!.paragraphs.map((p) => doc!.text.slice(p.start, p.end))).toEqual(story.paragraphs);
  });
});

/** The front matter as data, parsed by the gray-matter the loader uses. */
function parseFrontMatter(markdown: string): Record<string, unknown> {
  return matter(markdown, {}).data;
}

describe('slugFor', () => {
  it.each([
    ['Trump fires CISA director Chris Krebs', 'trump-fires-cisa-director-chris-krebs'],
    ['$1m payoff for former Shell boss', '1m-payoff-for-former-shell-boss'],
    ["Shell's boss: “We got it wrong”", 'shells-boss-we-got-it-wrong'],
    ['Café société à Zürich', 'cafe-societe-a-zurich'],
    ['  --Hello,   World!--  ', 'hello-world'],
  ])('%s → %s', (title, slug) => {
    expect(slugFor(title)).toBe(slug);
  });

  it('is at most 80 characters, cut between words', () => {
    const slug = slugFor('A very long headline about the budget '.repeat(6));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect('a-very-long-headline-about-the-budget-'.repeat(6).startsWith(`${slug}-`)).toBe(true);
  });

  it('cuts a single overlong word rather than returning nothing', () => {
    expect(slugFor('x'.repeat(120))).toBe('x'.repeat(80));
  });

  it('is never empty', () => {
    expect(slugFor('')).toBe('article');
    expect(slugFor('東京の天気')).toBe('article');
    expect(slugFor('!!!')).toBe('article');
  });
});

describe('writeArticleFile', () => {
  it('writes <slug>.md and returns its path, leaving no temporary file', async () => {
    const dir = tempDir('ingest-write-');
    const file = await writeArticleFile(dir, 'krebs', 'content\n');
    expect(file).toBe(path.join(dir, 'krebs.md'));
    expect(readFileSync(file, 'utf8')).toBe('content\n');
    expect(readdirSync(dir)).toEqual(['krebs.md']);
  });

  it('never overwrites an existing file: it takes the next free name', async () => {
    const dir = tempDir('ingest-write-');
    writeFileSync(path.join(dir, 'krebs.md'), 'first');
    writeFileSync(path.join(dir, 'krebs-2.md'), 'second');
    const file = await writeArticleFile(dir, 'krebs', 'third');
    expect(file).toBe(path.join(dir, 'krebs-3.md'));
    expect(readFileSync(path.join(dir, 'krebs.md'), 'utf8')).toBe('first');
    expect(readFileSync(path.join(dir, 'krebs-2.md'), 'utf8')).toBe('second');
    expect(readFileSync(file, 'utf8')).toBe('third');
  });

  it('gives concurrent writers of the same slug a file each', async () => {
    const dir = tempDir('ingest-write-');
    const files = await Promise.all(Array.from({ length: 8 }, (_, i) => writeArticleFile(dir, 'same', `writer ${i}`)));
    expect(new Set(files).size).toBe(8);
    expect(files.map((f) => readFileSync(f, 'utf8')).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `writer ${i}`).sort());
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a folder it cannot write to', async () => {
    const dir = path.join(tempDir('ingest-write-'), 'missing');
    expect(await problemOf(writeArticleFile(dir, 'krebs', 'x'))).toMatchObject({ kind: 'unwritable', code: 'ENOENT' });
  });
});
