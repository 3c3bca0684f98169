import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import type { Document } from '../../src/corpus/types';
import { assertNotDuplicate } from '../../src/ingest/duplicates';
import { ingestUrl } from '../../src/ingest/ingest-url';
import { tempDir } from '../support/paths';
import { krebsStory } from './support/articles';
import { problemOf } from './support/problems';
import { serve, startServer, type TestServer } from './support/server';
import { courier } from './support/templates';

const story = krebsStory();
const LOOPBACK_OK = { allowPrivateHosts: true } as const;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** The documents of a real corpus folder holding `files`, as the loader reads them. */
async function corpusOf(files: Record<string, string>): Promise<Document[]> {
  const dir = tempDir('ingest-dup-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return (await loadCorpus(dir)).documents;
}

const OTHER_ARTICLE = 'Other story\n\nThe council approved the budget on Monday.\n\nIt takes effect in May.';

describe('duplicate detection', () => {
  it('refuses an article whose canonical URL is the url of a corpus file, naming the file', async () => {
    const page = courier.render({ title: story.title, paragraphs: story.paragraphs, canonical: 'https://news.example/2020/krebs-fired' });
    const article = await ingestUrl(server.route('/dup/url', serve(page)), LOOPBACK_OK);
    const documents = await corpusOf({
      'other.txt': OTHER_ARTICLE,
      'politics/krebs.md': `---\ntitle: Krebs\nurl: https://news.example/2020/krebs-fired/\n---\nAn earlier, shorter version of the story.`,
    });
    expect(await problemOf(Promise.resolve().then(() => assertNotDuplicate(article, documents)))).toEqual({
      kind: 'duplicate',
      file: 'politics/krebs.md',
      matchedBy: 'url',
    });
  });

  it('matches addresses whatever their scheme, fragment or trailing slash', async () => {
    const documents = await corpusOf({ 'a.md': `---\ntitle: A\nsource: http://news.example/krebs/#top\n---\nText.` });
    const article = {
      title: 'A',
      date: null,
      author: null,
      publisher: null,
      url: 'https://news.example/krebs',
      paragraphs: ['Other.'],
      words: 1,
    };
    expect(() => assertNotDuplicate(article, documents)).toThrow(/already in the corpus as a\.md/);
  });

  it('refuses the same text under another URL, whitespace and case folded', async () => {
    const page = courier.render({ title: story.title, paragraphs: story.paragraphs, canonical: 'https://mirror.example/krebs' });
    const article = await ingestUrl(server.route('/dup/text', serve(page)), LOOPBACK_OK);
    const reflowed = story.paragraphs.map((p, i) => (i === 0 ? p.toUpperCase() : p.replace(/ /g, '  '))).join('\n\n');
    const documents = await corpusOf({ 'other.txt': OTHER_ARTICLE, 'story/krebs-fired.txt': `${story.title}\n\n${reflowed}\n` });
    expect(await problemOf(Promise.resolve().then(() => assertNotDuplicate(article, documents)))).toEqual({
      kind: 'duplicate',
      file: 'story/krebs-fired.txt',
      matchedBy: 'text',
    });
  });

  it('lets through an article with a new address and new text', async () => {
    const page = courier.render({ title: story.title, paragraphs: story.paragraphs, canonical: 'https://news.example/krebs' });
    const article = await ingestUrl(server.route('/dup/none', serve(page)), LOOPBACK_OK);
    const documents = await corpusOf({
      'other.txt': OTHER_ARTICLE,
      'named.md': `---\ntitle: Named\nsource: Daily Courier\n---\nSomething else.`,
    });
    expect(() => assertNotDuplicate(article, documents)).not.toThrow();
  });
});
