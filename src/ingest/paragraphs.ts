import { BLOCK_ELEMENTS, ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom';
import { normaliseSpace } from './text';

// A block, or a whole page, that is mostly link text is a list of links (more stories, tags, an index page), not prose.
export const MAX_LINK_DENSITY = 0.5;

/**
 * The text of each block of `root`, whitespace normalised, without link lists. Block elements
 * start and end a paragraph; inline ones join their text to it as written ("a<b>b</b>" is "ab").
 */
export function blockParagraphs(root: DomElement): string[] {
  const paragraphs: string[] = [];
  let text = '';
  let linkText = '';
  const flush = () => {
    const paragraph = normaliseSpace(text);
    if (paragraph && normaliseSpace(linkText).length / paragraph.length <= MAX_LINK_DENSITY) paragraphs.push(paragraph);
    text = linkText = '';
  };
  const walk = (node: DomNode, inLink: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        text += child.textContent ?? '';
        if (inLink) linkText += child.textContent ?? '';
      } else if (child.nodeType === ELEMENT_NODE) {
        const tag = (child as DomElement).localName;
        if (tag === 'br') {
          text += ' ';
        } else if (BLOCK_ELEMENTS.has(tag)) {
          flush();
          walk(child, inLink);
          flush();
        } else {
          walk(child, inLink || tag === 'a');
        }
      }
    }
  };
  walk(root, false);
  flush();
  return paragraphs;
}

/** The share of `root`'s text that is link text: high for a list of headlines, low for an article. */
export function linkDensity(root: DomElement): number {
  const length = (element: DomElement) => normaliseSpace(element.textContent ?? '').length;
  const total = length(root);
  const links = Array.from(root.querySelectorAll('a')).reduce((sum, link) => sum + length(link), 0);
  return total ? links / total : 0;
}
