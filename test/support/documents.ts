import { parseArticle, splitParagraphs } from '../../src/corpus/parse';
import type { Document } from '../../src/corpus/types';

/** A Document built the way the loader builds one, from a file's raw text. */
export function documentFromRaw(raw: string, id = 'doc'): Document {
  const parsed = parseArticle(raw);
  return {
    id,
    path: `${id}.txt`,
    title: parsed.title ?? id,
    date: parsed.date,
    source: parsed.source,
    url: parsed.url,
    text: parsed.text,
    paragraphs: splitParagraphs(parsed.text),
  };
}

/** A Document of plain text with a given publication date (or none). */
export function documentOf(text: string, date: string | null, id = 'doc', title = 'Test article'): Document {
  const front = ['---', `title: ${JSON.stringify(title)}`, ...(date ? [`date: ${date}`] : []), '---', ''].join('\n');
  return documentFromRaw(front + text, id);
}
