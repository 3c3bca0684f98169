import { calendarDate } from './dates';
import { metaContent, type DomDocument } from './dom';
import { jsonLdArticle } from './json-ld';
import { normaliseSpace } from './text';

/** What a page says about itself. Each field is null when the page does not say: nothing is guessed. */
export interface PageMetadata {
  title: string | null;
  date: string | null;
  author: string | null;
  publisher: string | null;
  url: string | null;
}

// Where a page without JSON-LD or OpenGraph dates its article: in the article, not in a sidebar.
const ARTICLE_TIME = 'article time[datetime], [itemprop~="articleBody"] time[datetime], main time[datetime]';

/**
 * Metadata by precedence: JSON-LD article, then OpenGraph, then plain meta tags and `<time>`,
 * then `<title>`. The canonical URL is `<link rel=canonical>`, else og:url, else the page's
 * own address, resolved against that address.
 */
export function pageMetadata(document: DomDocument, pageUrl: string | null): PageMetadata {
  const ld = jsonLdArticle(document);
  const publisher = ld?.publisher ?? metaContent(document, 'og:site_name');
  const author = ld?.author ?? personName(metaContent(document, 'article:author')) ?? personName(metaContent(document, 'author'));
  const written =
    ld?.datePublished ??
    metaContent(document, 'article:published_time') ??
    metaContent(document, 'date', 'datePublished') ??
    document.querySelector(ARTICLE_TIME)?.getAttribute('datetime');
  const title = ld?.headline ?? metaContent(document, 'og:title') ?? documentTitle(document, publisher);
  return {
    title: title ? normaliseSpace(title) : null,
    date: calendarDate(written),
    author,
    publisher,
    url: canonicalUrl(document, pageUrl),
  };
}

/** `<title>`, without the " | Publisher" or " - Publisher" that sites append to it. */
function documentTitle(document: DomDocument, publisher: string | null): string | null {
  const title = normaliseSpace(document.querySelector('title')?.textContent ?? '');
  if (!title) return null;
  for (const separator of [' | ', ' - ', ' – ', ' — ']) {
    if (publisher && title.endsWith(`${separator}${publisher}`)) return title.slice(0, -(separator.length + publisher.length));
  }
  return title;
}

/** article:author is often a profile URL, which is not a name. */
function personName(value: string | null): string | null {
  return value && !/^https?:\/\//i.test(value) ? normaliseSpace(value) : null;
}

function canonicalUrl(document: DomDocument, pageUrl: string | null): string | null {
  const candidates = [document.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), metaContent(document, 'og:url')];
  for (const candidate of candidates) {
    const url = httpUrl(candidate?.trim(), pageUrl);
    if (url) return url;
  }
  return pageUrl;
}

function httpUrl(value: string | null | undefined, base: string | null): string | null {
  if (!value) return null;
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
