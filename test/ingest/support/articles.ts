import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArticle, splitParagraphs } from '../../../src/corpus/parse';
import { BBC_ROOT, STORY_CORPUS } from '../../support/paths';

/** Real article text: a title and its paragraphs, whitespace normalised as the extractor outputs them. */
export interface SourceArticle {
  name: string;
  title: string;
  paragraphs: string[];
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The Krebs story of corpus/, as the corpus loader reads it. */
export function krebsStory(): SourceArticle {
  const parsed = parseArticle(readFileSync(path.join(STORY_CORPUS, 'krebs-fired.txt'), 'utf8'));
  return {
    name: 'krebs-fired',
    title: parsed.title!,
    paragraphs: splitParagraphs(parsed.text).map((p) => normalise(parsed.text.slice(p.start, p.end))),
  };
}

/** A BBC article: first line the title, then paragraphs separated by blank lines. */
export function bbcArticle(relativePath: string): SourceArticle {
  const [title, ...paragraphs] = readFileSync(path.join(BBC_ROOT, relativePath), 'utf8')
    .trim()
    .split(/\r?\n[ \t]*\r?\n/)
    .map(normalise)
    .filter(Boolean);
  return { name: relativePath.replace(/\.txt$/, ''), title: title!, paragraphs };
}

/** The first `perCategory` articles (by file name) of every BBC category: a fixed, varied sample. */
export function bbcSample(perCategory: number): SourceArticle[] {
  if (!existsSync(BBC_ROOT)) return [];
  return readdirSync(BBC_ROOT)
    .sort()
    .flatMap((category) =>
      readdirSync(path.join(BBC_ROOT, category))
        .filter((file) => file.endsWith('.txt'))
        .sort()
        .slice(0, perCategory)
        .map((file) => bbcArticle(`${category}/${file}`)),
    );
}
