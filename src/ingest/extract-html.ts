import { Readability } from '@mozilla/readability';
import { finishArticle } from './article';
import { divParagraphsToP, removeBoilerplate } from './boilerplate';
import { parseDocument, type DomElement } from './dom';
import { IngestError } from './errors';
import { pageMetadata } from './metadata';
import { blockParagraphs, linkDensity, MAX_LINK_DENSITY } from './paragraphs';
import { normaliseSpace } from './text';
import type { ExtractedArticle, ExtractOptions } from './types';

export interface HtmlSource extends ExtractOptions {
  /** The address the page was served from; relative links resolve against it. Null for a file. */
  pageUrl: string | null;
  /** Names the page in errors: its URL or its file. */
  source: string;
  /** The title when the page has none at all. */
  fallbackTitle: string;
}

/** The article of an HTML page: its paragraphs, without the page's furniture, and its metadata. */
export function extractFromHtml(html: string, from: HtmlSource): ExtractedArticle {
  const document = parseDocument(html);
  // Metadata first: a byline or dateline is furniture to the text, but it dates the article.
  const metadata = pageMetadata(document, from.pageUrl);
  removeBoilerplate(document);
  divParagraphsToP(document);
  // Readability finds the article among what is left; JSON-LD has been read already.
  const parsed = new Readability<DomElement>(document as never, {
    serializer: (node) => node as unknown as DomElement,
    disableJSONLD: true,
  }).parse();
  // What is left of an index page is its list of headlines.
  if (!parsed?.content || linkDensity(parsed.content) > MAX_LINK_DENSITY)
    throw new IngestError({ kind: 'no-article', source: from.source });

  const title = metadata.title ?? (parsed.title ? normaliseSpace(parsed.title) : null) ?? from.fallbackTitle;
  // The headline, when Readability leaves it in, is the title, not the article's first paragraph.
  const paragraphs = blockParagraphs(parsed.content).filter((paragraph) => paragraph.toLowerCase() !== title.toLowerCase());
  return finishArticle({ ...metadata, title, paragraphs }, from.source, from.minWords);
}
