import { describe, expect, it } from 'vitest';
import { joinSpans, QuoteIntegrityError, shortenSpan, verbatim } from '../../src/answer/quote';
import { documentOf } from '../support/documents';

const text =
  'The President of the United States, Donald Trump has fired the head of the federal agency charged with protecting the 2020 US Election from cyber-attacks, Christopher Krebs, for saying the November 3 presidential election was clean and fair.';
const doc = documentOf(text, null, 'd', 'T');
const sentence = { start: 0, end: text.length };

describe('quotes', () => {
  it('are the document text at their offsets, or an error', () => {
    expect(verbatim(doc, { start: 4, end: 13 })).toBe('President');
    expect(() => verbatim(doc, { start: 4, end: 13 }, 'president')).toThrow(QuoteIntegrityError);
    expect(() => verbatim(doc, { start: 10, end: 5 })).toThrow(QuoteIntegrityError);
    expect(() => verbatim(doc, { start: 0, end: text.length + 1 })).toThrow(QuoteIntegrityError);
  });

  it('are left whole when short enough', () => {
    expect(shortenSpan(doc, sentence, 500)).toEqual([sentence]);
  });

  it('are shortened to the clauses carrying the question, with ellipses, every piece verbatim', () => {
    const spans = shortenSpan(doc, sentence, 120, { terms: ['kreb', 'fire'] });
    const shown = joinSpans(doc, sentence, spans);
    expect(shown.length).toBeLessThanOrEqual(130);
    expect(shown).toContain('…');
    expect(shown).toContain('Christopher Krebs');
    for (const piece of shown
      .split('…')
      .map((p) => p.trim())
      .filter(Boolean))
      expect(text).toContain(piece);
  });

  it('keep the stated cause when the question asks why', () => {
    const shown = joinSpans(doc, sentence, shortenSpan(doc, sentence, 120, { terms: ['kreb'], cause: true }));
    expect(shown).toContain('for saying the November 3 presidential election was clean and fair.');
  });

  it('cut a single long clause at a word boundary', () => {
    const long = 'word '.repeat(100).trim() + '.';
    const d = { ...doc, text: long };
    const spans = shortenSpan(d, { start: 0, end: long.length }, 50);
    const shown = joinSpans(d, { start: 0, end: long.length }, spans);
    expect(shown.endsWith('word …')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(52);
  });
});
