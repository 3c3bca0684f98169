import matter from 'gray-matter';
import type { ExtractedArticle } from './types';

// Passed on to js-yaml: one line per field, however long the title, so the file reads as written.
const YAML_OPTIONS = { lineWidth: -1 } as Parameters<typeof matter.stringify>[2];

/**
 * The article as a corpus file: YAML front matter (title, date, url, source = publisher, author,
 * added), then the paragraphs separated by blank lines, which the corpus loader reads back as the
 * same paragraphs. gray-matter writes the YAML, so titles with colons or quotes stay intact.
 * Unknown fields are left out rather than written empty.
 */
export function serializeArticle(article: ExtractedArticle, added: Date): string {
  const data: Record<string, string> = { title: article.title };
  if (article.date) data.date = article.date;
  if (article.url) data.url = article.url;
  if (article.publisher) data.source = article.publisher;
  if (article.author) data.author = article.author;
  data.added = added.toISOString();
  return matter.stringify(`${article.paragraphs.join('\n\n')}\n`, data, YAML_OPTIONS);
}
