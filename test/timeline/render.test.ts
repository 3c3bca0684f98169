import { describe, expect, it } from 'vitest';
import { renderTimeline } from '../../src/timeline/render';
import type { TimelineEvent } from '../../src/timeline/types';
import { extract, storyDocument } from './helpers';

function event(i: number, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    date: `2004-${String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')}-${day}`,
    precision: 'day',
    summary: `Event number ${i} happened somewhere in the world and was reported by the newspaper`,
    quote: 'q',
    docId: `doc-${i % 7}`,
    title: `Article ${i % 7}`,
    paragraph: (i % 5) + 1,
    start: i,
    end: i + 1,
    sentenceIds: [i],
    mention: day,
    ...extra,
  };
}

describe('renderTimeline', () => {
  const { doc, events } = extract(storyDocument());

  it('renders the story on one page: a line per event with its citation, then the sources', () => {
    const [page, ...more] = renderTimeline(events, { documents: [doc] });
    expect(more).toEqual([]);
    expect(page).toContain('**2020-11-17** — Krebs had tweeted a report citing 59 election security experts [1]');
    expect(page).toContain('**Sources**\n[1] Trump fires CISA director Chris Krebs — 2020-11-18 — ¶1, 2, 4, 6, 7, 11, 12, 13');
    expect(page).not.toContain('Page 1/');
    expect(page!.split('\n').filter((l) => l.startsWith('**20'))).toHaveLength(events.length);
  });

  it('splits a long list into pages of at most 2000 characters, each showing "Page k/N" and its own sources', () => {
    const many = Array.from({ length: 300 }, (_, i) => event(i));
    const pages = renderTimeline(many, { header: '**Timeline**', maxChars: 2000 });
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((page, k) => {
      expect(page.length).toBeLessThanOrEqual(2000);
      expect(page.startsWith('**Timeline**\n')).toBe(true);
      expect(page).toContain(`Page ${k + 1}/${pages.length}`);
      expect(page).toContain('**Sources**');
      const cited = new Set([...page.matchAll(/\[(\d+)\]$/gm)].map((m) => m[1]).filter(Boolean));
      for (const n of cited) expect(page).toMatch(new RegExp(`^\\[${n}\\] Article`, 'm'));
    });
    // Every event appears exactly once over all pages.
    const lines = pages.flatMap((p) => p.split('\n').filter((l) => l.startsWith('**2004')));
    expect(lines).toHaveLength(300);
  });

  it('keeps pages within the limit with very long summaries and titles', () => {
    const huge = Array.from({ length: 20 }, (_, i) =>
      event(i, { summary: 'word '.repeat(900).trim(), title: `A ${'very '.repeat(400)}long title`, docId: `doc-${i}` }),
    );
    for (const maxChars of [2000, 700]) {
      const pages = renderTimeline(huge, { maxChars });
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(maxChars);
      expect(pages.join('\n')).toContain('…');
    }
  });

  it('escapes Discord markdown in summaries and titles so a quote cannot break the formatting', () => {
    const tricky = event(1, { summary: '*bold* _it_ ~~gone~~ `code` ||spoiler|| a>b', title: '> quoted | *title*' });
    const [page] = renderTimeline([tricky], { documents: [{ id: tricky.docId, date: '2004-01-02' }] });
    expect(page).toContain('\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| a>b [1]');
    expect(page).toContain('[1] \\> quoted \\| \\*title\\* — 2004-01-02 — ¶2');
  });

  it('leaves mentions as written (allowed_mentions keeps them inert; quotes stay verbatim)', () => {
    const [page] = renderTimeline([event(1, { summary: '@everyone was told' })]);
    expect(page).toContain('@everyone was told');
  });

  it('renders an empty timeline as one page saying no dated events were found, with the topic', () => {
    expect(renderTimeline([], { topic: 'Krebs' })).toEqual(['**Timeline: Krebs**\n\nNo dated events were found for “Krebs”.']);
    expect(renderTimeline([])).toEqual(['No dated events were found.']);
  });

  it('repeats a typed topic as plain text: no masked link, mention or timestamp survives', () => {
    const topic = '[click here](https://evil.example) <@123> <t:1700000000:R> Krebs';
    const [page] = renderTimeline(events, { topic, documents: [doc] });
    expect(page!.split('\n')[0]).toBe('**Timeline: \\[click here\\]\\(https://evil.example\\) \\<@123\\> \\<t:1700000000:R\\> Krebs**');
  });
});
