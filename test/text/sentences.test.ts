import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import { documentSentences, splitSentences } from '../../src/text/sentences';
import { STORY_CORPUS } from '../support/paths';

const texts = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('sentence splitting', () => {
  it('does not split after abbreviations such as Nov., Mr., Gov. or U.S.', () => {
    expect(texts('Mr. Smith met Gov. Brown on Nov. 12 in Washington. The U.S. said nothing. He left.')).toEqual([
      'Mr. Smith met Gov. Brown on Nov. 12 in Washington.',
      'The U.S. said nothing.',
      'He left.',
    ]);
  });

  it('keeps decimal numbers and amounts whole', () => {
    expect(texts('Shares rose 1.5% to $3.20. Profits hit £1.2bn.')).toEqual(['Shares rose 1.5% to $3.20.', 'Profits hit £1.2bn.']);
  });

  it('gives offsets at which the document text is exactly the sentence', async () => {
    const [story] = (await loadCorpus(STORY_CORPUS)).documents;
    const sentences = documentSentences(story!);
    expect(sentences.length).toBeGreaterThan(15);
    for (const s of sentences) expect(story!.text.slice(s.start, s.end)).toBe(s.text);
    expect(sentences[0]!.text).toMatch(/^The President .*clean and fair\.$/);
    expect(sentences.map((s) => s.paragraph)).toEqual([...sentences.map((s) => s.paragraph)].sort((a, b) => a - b));
  });

  it('handles any Unicode, and text without final punctuation', () => {
    const text = 'Пресс-служба сообщила об этом. 東京で会議が開かれた。 No full stop at the end';
    const spans = splitSentences(text);
    expect(spans.length).toBeGreaterThanOrEqual(2);
    for (const s of spans) expect(text.slice(s.start, s.end).trim()).toBe(text.slice(s.start, s.end));
    expect(text.slice(spans.at(-1)!.start, spans.at(-1)!.end)).toMatch(/No full stop at the end$/);
  });
});
