import { parseHTML } from 'linkedom';

/*
 * The DOM is linkedom's: Readability needs only a standard DOM, and linkedom's current release
 * supports Node 20 (jsdom's current majors need Node 22), is a fraction of jsdom's size and
 * parses a page several times faster. The project compiles without the DOM lib, so these are
 * the few members this stage uses, typed.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
  readonly firstChild: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  contains(other: DomNode): boolean;
  remove(): void;
  appendChild(child: DomNode): void;
  replaceWith(other: DomNode): void;
}

export interface DomDocument {
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createElement(tag: string): DomElement;
}

// HTML's block-level elements: each starts and ends a paragraph of text.
export const BLOCK_ELEMENTS = new Set(
  (
    'address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table caption thead tbody tfoot tr td th ul'
  ).split(' '),
);

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as DomDocument;
}

/** The `content` attribute of the first `<meta>` whose property or name is one of `keys`. */
export function metaContent(document: DomDocument, ...keys: string[]): string | null {
  for (const key of keys) {
    const element = document.querySelector(`meta[property="${key}" i], meta[name="${key}" i], meta[itemprop="${key}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return null;
}
