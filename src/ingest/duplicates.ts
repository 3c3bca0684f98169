import type { Document } from '../corpus/types';
import { IngestError } from './errors';
import type { ExtractedArticle } from './types';

/**
 * Throws a 'duplicate' IngestError naming the corpus file that already holds this article: one
 * whose source is the article's canonical URL, or whose text is the article's text once white
 * space and case are folded. Address matches win over text matches.
 */
export function assertNotDuplicate(article: ExtractedArticle, documents: readonly Document[]): void {
  const url = article.url === null ? null : comparableUrl(article.url);
  const sameUrl = url === null ? undefined : documents.find((doc) => doc.url !== null && comparableUrl(doc.url) === url);
  if (sameUrl) throw new IngestError({ kind: 'duplicate', file: sameUrl.path, matchedBy: 'url' });
  const text = comparableText(article.paragraphs.join(' '));
  const sameText = documents.find((doc) => comparableText(doc.text) === text);
  if (sameText) throw new IngestError({ kind: 'duplicate', file: sameText.path, matchedBy: 'text' });
}

/** The same page whatever its scheme, fragment or trailing slash. */
function comparableUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // a source that is a name ("BBC News"), not an address
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return `${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

function comparableText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
