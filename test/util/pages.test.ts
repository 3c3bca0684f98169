import { describe, expect, it } from 'vitest';
import { packPages, pageLabel, widestPageLabel } from '../../src/util/pages';

/** The length of lines shown one per line. */
const joined = (lines: readonly string[]) => lines.join('\n').length;

describe('packing items into pages under a character limit', () => {
  it('puts everything on one page when it fits', () => {
    expect(packPages(['one', 'two', 'three'], 100, joined)).toEqual([['one', 'two', 'three']]);
  });

  it('starts a new page when the next item would take the page over the limit', () => {
    // "aaaa\nbbbb" is 9 characters: a third line would make 14.
    expect(packPages(['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee'], 10, joined)).toEqual([['aaaa', 'bbbb'], ['cccc', 'dddd'], ['eeee']]);
  });

  it('fills a page up to exactly the limit', () => {
    expect(packPages(['aaaa', 'bbbb', 'cccc'], 9, joined)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
  });

  it('keeps the items in their order, each exactly once', () => {
    const items = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(i % 13)}`);
    const pages = packPages(items, 60, joined);
    expect(pages.flat()).toEqual(items);
    for (const page of pages) expect(joined(page)).toBeLessThanOrEqual(60);
  });

  it('gives an item too long for any page a page of its own rather than dropping it', () => {
    const long = 'x'.repeat(30);
    expect(packPages(['a', long, 'b'], 10, joined)).toEqual([['a'], [long], ['b']]);
  });

  it('makes one empty page of no items, so there is always a page to show', () => {
    expect(packPages([], 10, joined)).toEqual([[]]);
  });

  it('measures whole pages, so what a page adds around its items counts against the limit', () => {
    // A page shows a 10-character header and a blank line before its lines.
    const withHeader = (lines: readonly string[]) => 12 + joined(lines);
    expect(packPages(['aaaa', 'bbbb', 'cccc'], 21, withHeader)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
    expect(packPages(['aaaa', 'bbbb', 'cccc'], 20, withHeader)).toEqual([['aaaa'], ['bbbb'], ['cccc']]);
  });

  it('lets the page length depend on which items share the page, not only on their sizes', () => {
    // Events cite sources; each distinct source adds a 5-character line to its page.
    const events = [
      { text: 'e1', source: 'A' },
      { text: 'e2', source: 'A' },
      { text: 'e3', source: 'B' },
    ];
    const length = (page: readonly (typeof events)[number][]) => page.length * 3 + new Set(page.map((e) => e.source)).size * 5;
    expect(packPages(events, 11, length).map((p) => p.map((e) => e.text))).toEqual([['e1', 'e2'], ['e3']]);
  });
});

describe('page labels', () => {
  it('numbers pages from 1 as "Page k/N"', () => {
    expect(pageLabel(1, 3)).toBe('Page 1/3');
  });

  it('reserves the widest label there can be: one page per item', () => {
    expect(widestPageLabel(120)).toBe('Page 120/120');
    for (let k = 1; k <= 120; k += 1) expect(pageLabel(k, 120).length).toBeLessThanOrEqual(widestPageLabel(120).length);
  });
});
