import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest-file';
import { STORY_CORPUS, tempDir } from '../support/paths';
import { krebsStory } from './support/articles';
import { encodeWindows1252 } from './support/charset';
import { problemOf } from './support/problems';
import { courier } from './support/templates';

const story = krebsStory();
const body = story.paragraphs.join('\n\n');

function fileOf(name: string, content: string | Buffer): string {
  const file = path.join(tempDir('ingest-file-'), name);
  writeFileSync(file, content);
  return file;
}

describe('ingesting a file', () => {
  it('reads the story file of the corpus as the corpus loader does (front matter and date marker)', async () => {
    const article = await ingestFile(path.join(STORY_CORPUS, 'krebs-fired.txt'));
    expect(article).toMatchObject({ title: 'Trump fires CISA director Chris Krebs', date: '2020-11-18', url: null, author: null });
    expect(article.paragraphs).toEqual(story.paragraphs);
    expect(article.words).toBeGreaterThan(300);
  });

  it('reads a .txt in the BBC layout: a title line, a blank line, the paragraphs', async () => {
    const article = await ingestFile(fileOf('krebs.txt', `${story.title}\n\n${body}\n`));
    expect(article).toMatchObject({ title: story.title, date: null, paragraphs: story.paragraphs });
  });

  it('reads .md front matter: url as the address, source as the publisher', async () => {
    const withUrl = await ingestFile(
      fileOf('a.md', `---\ntitle: "Krebs: fired"\ndate: 2020-11-18\nurl: https://news.example/krebs\n---\n${body}`),
    );
    expect(withUrl).toMatchObject({ title: 'Krebs: fired', date: '2020-11-18', url: 'https://news.example/krebs', publisher: null });
    const withSource = await ingestFile(fileOf('b.md', `---\ntitle: Krebs\nsource: Daily Courier\n---\n${body}`));
    expect(withSource).toMatchObject({ url: null, publisher: 'Daily Courier' });
  });

  it('normalises white space inside the paragraphs of a hard-wrapped file', async () => {
    const wrapped = story.paragraphs.map((p) => p.replace(/ (\S+ \S+ \S+) /g, ' $1\n  ')).join('\n\n');
    expect((await ingestFile(fileOf('wrapped.txt', `${story.title}\n\n${wrapped}`))).paragraphs).toEqual(story.paragraphs);
  });

  it('titles a file that gives no title after its name', async () => {
    expect((await ingestFile(fileOf('krebs-fired.txt', body))).title).toBe('Krebs fired');
  });

  it('extracts an .html file with the same extractor as a page, in the charset it declares', async () => {
    const html = courier.render({
      title: story.title,
      paragraphs: story.paragraphs,
      metaCharset: 'windows-1252',
      canonical: 'https://news.example/krebs',
    });
    const article = await ingestFile(fileOf('saved.HTM', encodeWindows1252(html)));
    expect(article).toMatchObject({ title: story.title, url: 'https://news.example/krebs', paragraphs: story.paragraphs });
  });

  it('refuses an empty file', async () => {
    const file = fileOf('empty.txt', '');
    expect(await problemOf(ingestFile(file))).toEqual({ kind: 'empty-file', file });
  });

  it('refuses a file of white space, or front matter with no text', async () => {
    expect(await problemOf(ingestFile(fileOf('blank.md', ' \n\n\t\n')))).toMatchObject({ kind: 'empty-file' });
    expect(await problemOf(ingestFile(fileOf('only-meta.md', '---\ntitle: Nothing\n---\n')))).toMatchObject({ kind: 'empty-file' });
  });

  it('refuses a binary file', async () => {
    const file = fileOf('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    expect(await problemOf(ingestFile(file))).toEqual({ kind: 'binary-file', file });
  });

  it('refuses a .txt that is not UTF-8', async () => {
    const file = fileOf('latin1.txt', encodeWindows1252(`${story.title}\n\nThe fee was £1,500 for the café. ${body}`));
    expect(await problemOf(ingestFile(file))).toEqual({ kind: 'not-utf8', file });
  });

  it('refuses an .html file that declares no charset and is not UTF-8', async () => {
    const html = courier.render({ title: story.title, paragraphs: story.paragraphs }).replace('<meta charset="utf-8">', '');
    const file = fileOf('page.html', encodeWindows1252(html));
    expect(await problemOf(ingestFile(file))).toEqual({ kind: 'not-utf8', file });
  });

  it.each(['report.pdf', 'notes.docx', 'README'])('refuses %s: unsupported extension', async (name) => {
    const file = fileOf(name, body);
    expect(await problemOf(ingestFile(file))).toEqual({ kind: 'unsupported-file', file, extension: path.extname(name) });
  });

  it('refuses a file that cannot be read, with the reason', async () => {
    const missing = path.join(tempDir(), 'missing.txt');
    expect(await problemOf(ingestFile(missing))).toEqual({ kind: 'unreadable', file: missing, code: 'ENOENT' });
    const folder = path.join(tempDir(), 'folder.md');
    mkdirSync(folder);
    expect(await problemOf(ingestFile(folder))).toEqual({ kind: 'unreadable', file: folder, code: 'EISDIR' });
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file without read permission', async () => {
    const file = fileOf('secret.txt', body);
    chmodSync(file, 0o000);
    expect(await problemOf(ingestFile(file))).toMatchObject({ kind: 'unreadable', code: 'EACCES' });
  });

  it('refuses broken front matter, quoting the YAML error', async () => {
    const file = fileOf('broken.md', `---\ntitle: [unclosed\n---\n${body}`);
    expect(await problemOf(ingestFile(file))).toMatchObject({ kind: 'bad-front-matter', file });
  });

  it('applies the same quality gate as pages', async () => {
    const file = fileOf('short.txt', 'Short note\n\nOnly a few words here.');
    expect(await problemOf(ingestFile(file))).toEqual({ kind: 'too-short', source: file, words: 5, minWords: 80 });
  });
});
