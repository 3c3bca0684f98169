import { describe, expect, it } from 'vitest';
import { renderAnswer, type RenderedQuote } from '../../src/answer/render';

const quote = (id: number, display: string, paragraph = id): RenderedQuote => ({
  id,
  display,
  title: 'Trump fires CISA director Chris Krebs',
  date: '2020-11-18',
  paragraph,
});

describe('rendering an answer', () => {
  it('leads with the best quote, lists the others with their numbers, and names only cited sources', () => {
    const text = renderAnswer({
      answered: true,
      quotes: [quote(1, 'Krebs was fired.'), quote(2, 'He replied.', 9)],
    });
    expect(text).toBe(
      [
        '**Answer:** “Krebs was fired.” [1]',
        '',
        '> [2] “He replied.”',
        '',
        '-# Sources: [1] ¶1, [2] ¶9: *Trump fires CISA director Chris Krebs* (2020-11-18)',
      ].join('\n'),
    );
  });

  it('links an article with an address in the sources as <url>, so Discord shows no preview', () => {
    const text = renderAnswer({
      answered: true,
      quotes: [
        { ...quote(1, 'Krebs was fired.'), url: 'https://example.org/krebs?x=1' },
        { ...quote(2, 'Other.'), title: 'Another article', date: null },
      ],
    });
    expect(text.split('\n').at(-1)).toBe(
      '-# Sources: [1] ¶1: *Trump fires CISA director Chris Krebs* (2020-11-18) <https://example.org/krebs?x=1> · [2] ¶2: *Another article*',
    );
  });

  it('never prints the lead quote a second time in the list', () => {
    const text = renderAnswer({ answered: true, quotes: [quote(1, '… was fired …'), quote(2, 'He replied.')] });
    expect(text).not.toContain('> [1]');
    expect(text.match(/was fired/g)).toHaveLength(1);
  });

  it('shows the short answer in bold, inside the verbatim quote', () => {
    const text = renderAnswer({ answered: true, quotes: [quote(1, `citing \u000159\u0002 election security *experts*`)] });
    expect(text).toContain('**Answer:** “citing **59** election security \\*experts\\*” [1]');
  });

  it('lists at most three unknown names, however many the question made up', () => {
    const names = ['Zorblax', 'Quimby', 'Flurp', 'Grontz', 'Wibble'];
    const text = renderAnswer({ answered: false, quotes: [quote(1, 'x')], unknownNames: names });
    expect(text.split('\n')[0]).toContain('“Zorblax” or “Quimby” or “Flurp” or 2 other names you used');
    expect(text).not.toContain('Wibble');
  });

  it('says plainly when the corpus does not answer, naming what it never mentions', () => {
    const text = renderAnswer({ answered: false, quotes: [quote(1, 'Close passage.')], unknownNames: ['Georgia'] });
    expect(text.split('\n')[0]).toBe(
      'The story doesn’t say. (It never mentions “Georgia”.) The closest passages, which do not answer the question:',
    );
    expect(renderAnswer({ answered: false, quotes: [quote(1, 'x')], scope: 'articles' })).toMatch(/^The indexed articles don’t say\./);
  });

  it('does not double quotation marks around a quote that is itself a quotation', () => {
    const text = renderAnswer({ answered: true, quotes: [quote(1, '“Honored to serve.”')] });
    expect(text).toContain('**Answer:** “Honored to serve.” [1]');
  });

  it('drops quotes from the end until the message fits the surface’s limit', () => {
    const long = (id: number) => quote(id, `${'word '.repeat(110)}end ${id}.`);
    const quotes = [1, 2, 3, 4].map(long);
    const text = renderAnswer({ answered: true, quotes }, 2000);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toContain('[3]');
    expect(text).not.toContain('[4]');
  });

  it('escapes markdown in corpus text so a quote cannot change the formatting', () => {
    const text = renderAnswer({ answered: true, quotes: [quote(1, 'a *bold* claim')] });
    expect(text).toContain('a \\*bold\\* claim');
  });
});
