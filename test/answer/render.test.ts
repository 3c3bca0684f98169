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
      lead: quote(1, 'Krebs was fired.'),
      quotes: [quote(1, 'Krebs was fired.'), quote(2, 'He replied.', 9)],
    });
    expect(text).toBe(
      [
        '**Answer:** “Krebs was fired.” [1]',
        '',
        '> [2] “He replied.”',
        '',
        'Sources: [1] ¶1, [2] ¶9: *Trump fires CISA director Chris Krebs* (2020-11-18)',
      ].join('\n'),
    );
  });

  it('lists the whole first quote when the lead had to be shortened', () => {
    const text = renderAnswer({ answered: true, lead: quote(1, '… was fired …'), quotes: [quote(1, 'Krebs was fired on Wednesday.')] });
    expect(text).toContain('> [1] “Krebs was fired on Wednesday.”');
  });

  it('says plainly when the corpus does not answer, naming what it never mentions', () => {
    const text = renderAnswer({ answered: false, lead: null, quotes: [quote(1, 'Close passage.')], unknownNames: ['Georgia'] });
    expect(text.split('\n')[0]).toBe(
      'The story doesn’t say. (It never mentions “Georgia”.) The closest passages, which do not answer the question:',
    );
    expect(renderAnswer({ answered: false, lead: null, quotes: [quote(1, 'x')], scope: 'articles' })).toMatch(
      /^The indexed articles don’t say\./,
    );
  });

  it('does not double quotation marks around a quote that is itself a quotation', () => {
    const text = renderAnswer({ answered: true, lead: quote(1, '“Honored to serve.”'), quotes: [quote(1, '“Honored to serve.”')] });
    expect(text).toContain('**Answer:** “Honored to serve.” [1]');
  });

  it('drops quotes from the end until the message fits Discord’s 2,000 characters', () => {
    const long = (id: number) => quote(id, `${'word '.repeat(110)}end ${id}.`);
    const quotes = [1, 2, 3, 4].map(long);
    const text = renderAnswer({ answered: true, lead: quote(1, 'Lead.'), quotes });
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toContain('[3]');
    expect(text).not.toContain('[4]');
  });

  it('escapes markdown in corpus text so a quote cannot change the formatting', () => {
    const text = renderAnswer({ answered: true, lead: quote(1, 'a *bold* claim'), quotes: [quote(1, 'a *bold* claim')] });
    expect(text).toContain('a \\*bold\\* claim');
  });
});
