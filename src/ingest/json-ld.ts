import type { DomDocument } from './dom';
import { normaliseSpace } from './text';

/** What a page's JSON-LD says about its article, each field as found (or null). */
export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  publisher: string | null;
}

type Node = Record<string, unknown>;

// schema.org's Article and its subtypes (NewsArticle, ReportageNewsArticle, OpinionNewsArticle,
// TechArticle, ...) all end in "Article"; blog posts are articles too.
const ARTICLE_TYPE = /(?:Article|BlogPosting)$/;

/** The first article node in the page's JSON-LD blocks, looking into arrays, `@graph` and `mainEntity`. */
export function jsonLdArticle(document: DomDocument): JsonLdArticle | null {
  const nodes: Node[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json" i]'))) {
    try {
      collect(JSON.parse(script.textContent ?? ''), nodes);
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  }
  // Yoast and others name the author and publisher by reference: {"@id": "#/schema/person/1"}.
  const byId = new Map(nodes.filter((node) => typeof node['@id'] === 'string').map((node) => [node['@id'] as string, node]));
  const resolve = (value: unknown): unknown => (isNode(value) && typeof value['@id'] === 'string' && byId.get(value['@id'])) || value;

  const article = nodes.find((node) => types(node).some((type) => ARTICLE_TYPE.test(type)));
  if (!article) return null;
  return {
    headline: text(article.headline),
    datePublished: text(article.datePublished),
    author: names(article.author, resolve),
    publisher: names(article.publisher, resolve),
  };
}

function collect(value: unknown, into: Node[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (isNode(value)) {
    into.push(value);
    collect(value['@graph'], into);
    collect(value.mainEntity, into);
  }
}

function types(node: Node): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** A person or organisation: a name string, an object with `name`, or an array of either. */
function names(value: unknown, resolve: (value: unknown) => unknown): string | null {
  const found = new Set<string>();
  for (const item of Array.isArray(value) ? value : [value]) {
    const entity = resolve(item);
    const name = typeof entity === 'string' ? text(entity) : isNode(entity) ? text(entity.name) : null;
    if (name && !/^https?:\/\//i.test(name)) found.add(name);
  }
  return found.size ? [...found].join(', ') : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? normaliseSpace(value) : null;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
