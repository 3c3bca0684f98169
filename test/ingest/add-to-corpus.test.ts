import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse';
import { addArticleFile, IngestError } from '../../src/ingest';
import type { ExtractedArticle } from '../../src/ingest';
import { tempDir } from '../support/paths';

const article: ExtractedArticle = {
  title: 'Dock workers end port strike',
  date: '2024-05-02',
  author: null,
  publisher: null,
  url: 'https://news.example/port-strike',
  paragraphs: ['Dock workers ended their strike on Wednesday.', 'Ships had been diverted.'],
  words: 12,
};

describe('adding an article file to a corpus folder', () => {
  it('writes the first article of a new story (a folder with only its story.yml)', async () => {
    const dir = tempDir('story-');
    writeFileSync(path.join(dir, 'story.yml'), 'title: Port strike\n');
    const file = await addArticleFile(dir, article, new Date('2024-05-03T00:00:00Z'));
    expect(path.basename(file)).toBe('dock-workers-end-port-strike.md');
    expect(parseArticle(readFileSync(file, 'utf8'))).toMatchObject({ title: article.title, date: '2024-05-02', url: article.url });
  });

  it('refuses the same article again, naming the file, and writes nothing', async () => {
    const dir = tempDir('story-');
    await addArticleFile(dir, article);
    await expect(addArticleFile(dir, article)).rejects.toThrow(IngestError);
    expect(readdirSync(dir)).toEqual(['dock-workers-end-port-strike.md']);
  });
});
