import { titleFromFileName } from '../corpus/load';
import { decodeHtml } from './decode-html';
import { extractFromHtml } from './extract-html';
import { fetchPage } from './fetch-page';
import type { ExtractedArticle, IngestUrlOptions } from './types';

/** Fetches a news page and extracts its article. Throws IngestError for every way this can fail. */
export async function ingestUrl(url: string, options: IngestUrlOptions = {}): Promise<ExtractedArticle> {
  const page = await fetchPage(url, options);
  const html = decodeHtml(page.bytes, page.charset) ?? '';
  return extractFromHtml(html, { pageUrl: page.url, source: page.url, fallbackTitle: fallbackTitle(page.url), minWords: options.minWords });
}

/** For a page with no title anywhere, its address names it as a file name would ("/port-strike-ends" → "Port strike ends"). */
function fallbackTitle(url: string): string {
  const { hostname, pathname } = new URL(url);
  let path = pathname.replace(/\/+$/, '').replace(/\.[a-z]+$/i, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as written.
  }
  return titleFromFileName(path) || hostname;
}
