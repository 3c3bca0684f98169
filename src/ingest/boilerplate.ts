import { BLOCK_ELEMENTS, type DomDocument, type DomElement } from './dom';

// Elements that are page furniture by what they are (HTML element or ARIA landmark), never article text.
const BOILERPLATE_ELEMENTS = [
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'dialog',
  'menu',
  'figcaption',
  'noscript',
  'iframe',
  '[role="navigation" i]',
  '[role="banner" i]',
  '[role="contentinfo" i]',
  '[role="complementary" i]',
  '[role="search" i]',
  '[role="dialog" i]',
  '[role="alertdialog" i]',
  '[role="menu" i]',
  '[role="menubar" i]',
  '[role="toolbar" i]',
  '[aria-modal="true" i]',
  '[aria-hidden="true" i]',
  '[hidden]',
].join(', ');

// Words in a class or id that name furniture: cookie banners, share tools, related and
// recommended stories, comments, ads and promotions, newsletters, bylines and captions.
// Matched as whole words of the name ("story-body__ad-slot" has "ad"; "header" and "lead" do not).
const BOILERPLATE_WORDS = new Set(
  (
    'nav navbar navigation menu breadcrumb breadcrumbs masthead header footer sidebar skip ' +
    'cookie cookies consent gdpr banner popup modal overlay ' +
    'share sharing social ' +
    'related recommended recommendations outbrain taboola trending ' +
    'comment comments disqus replies ' +
    'ad ads adslot adunit advert adverts advertisement advertising dfp sponsor sponsored promo promotion ' +
    'newsletter subscribe signup paywall ' +
    'byline dateline author bio caption credit tags'
  ).split(' '),
);
// Two-word names of the same furniture, whose words alone are too common to match.
const BOILERPLATE_PAIRS = new Set(['most read', 'most popular', 'more stories', 'read more', 'also read', 'you may']);

// The article's own containers: never removed, nor anything holding them, whatever their class says.
const CONTENT_LANDMARKS = 'main, [role="main" i], [itemprop~="articleBody"]';

/**
 * Removes page furniture from the body before Readability looks at it, so that none of it can
 * be scored into the article. Scripts and styles are Readability's to remove.
 * An element that is, or holds, the article's body is kept even when its class looks like
 * furniture: a wrapper named "page has-sidebar" is not a sidebar.
 */
export function removeBoilerplate(document: DomDocument): void {
  const body = document.body;
  if (!body) return;
  const protectedElements = [...Array.from(body.querySelectorAll(CONTENT_LANDMARKS)), mainTextHolder(body)].filter(
    (element): element is DomElement => element !== null,
  );
  const candidates = [
    ...Array.from(body.querySelectorAll(BOILERPLATE_ELEMENTS)),
    ...Array.from(body.querySelectorAll('[class], [id]')).filter(namedAsFurniture),
  ];
  for (const element of candidates) {
    if (!protectedElements.some((content) => element.contains(content))) element.remove();
  }
}

/**
 * Turns each `<div>` holding only inline content into the `<p>` it stands for. Readability does
 * the same, but only after judging such divs as containers: a short one with a link in it
 * ("a little linky") is then dropped, and with it a paragraph of the article.
 */
export function divParagraphsToP(document: DomDocument): void {
  for (const div of Array.from(document.body?.querySelectorAll('div') ?? [])) {
    if (Array.from(div.children).some((child) => BLOCK_ELEMENTS.has(child.localName))) continue;
    const paragraph = document.createElement('p');
    while (div.firstChild) paragraph.appendChild(div.firstChild);
    div.replaceWith(paragraph);
  }
}

function namedAsFurniture(element: DomElement): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
  for (const name of names.split(/\s+/)) {
    // Words of "relatedStories", "share-tools", "comment_list".
    const words = name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    if (words.some((word) => BOILERPLATE_WORDS.has(word))) return true;
    if (words.some((word, i) => i > 0 && BOILERPLATE_PAIRS.has(`${words[i - 1]} ${word}`))) return true;
  }
  return false;
}

/**
 * The element that directly holds the most paragraph text: the article body on a news page,
 * whose paragraphs are siblings, where comments and promos each sit in a wrapper of their own.
 * A paragraph is a `<p>`, or a `<div>` with no block children (pages built of div soup).
 */
function mainTextHolder(body: DomElement): DomElement | null {
  const totals = new Map<DomElement, number>();
  for (const paragraph of Array.from(body.querySelectorAll('p, div'))) {
    if (paragraph.localName === 'div' && Array.from(paragraph.children).some((child) => BLOCK_ELEMENTS.has(child.localName))) continue;
    const parent = paragraph.parentElement;
    if (parent) totals.set(parent, (totals.get(parent) ?? 0) + (paragraph.textContent ?? '').trim().length);
  }
  let best: DomElement | null = null;
  let bestTotal = 0;
  for (const [element, total] of totals) {
    if (total > bestTotal) [best, bestTotal] = [element, total];
  }
  return best;
}
