import { describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNKING } from '../../src/text/chunks';
import type { Sentence } from '../../src/text/types';

/** Sentences "S<n>." laid out in paragraphs of the given sizes. */
function layout(paragraphSizes: number[]): { text: string; sentences: Sentence[] } {
  let text = '';
  const sentences: Sentence[] = [];
  paragraphSizes.forEach((size, p) => {
    if (p > 0) text += '\n\n';
    for (let i = 0; i < size; i++) {
      if (i > 0) text += ' ';
      const body = `S${sentences.length}.`;
      sentences.push({
        id: sentences.length,
        docId: 'd',
        paragraph: p + 1,
        start: text.length,
        end: text.length + body.length,
        text: body,
      });
      text += body;
    }
  });
  return { text, sentences };
}

describe('chunking', () => {
  it('makes windows of three sentences sharing one with the next', () => {
    const { text, sentences } = layout([7]);
    const chunks = chunkDocument(text, sentences, DEFAULT_CHUNKING);
    expect(chunks.map((c) => c.sentenceIds)).toEqual([
      [0, 1, 2],
      [2, 3, 4],
      [4, 5, 6],
    ]);
  });

  it('stops a window at a paragraph break once it has two sentences', () => {
    const { text, sentences } = layout([2, 3]);
    const chunks = chunkDocument(text, sentences, DEFAULT_CHUNKING);
    expect(chunks[0]!.sentenceIds).toEqual([0, 1]);
    expect(chunks.flatMap((c) => c.sentenceIds)).toEqual(expect.arrayContaining([0, 1, 2, 3, 4]));
  });

  it('lets a one-sentence paragraph travel with what follows it', () => {
    const { text, sentences } = layout([1, 1, 1]);
    const chunks = chunkDocument(text, sentences, DEFAULT_CHUNKING);
    expect(chunks[0]!.sentenceIds).toEqual([0, 1]);
  });

  it('covers every sentence, and each chunk text is the document text at its offsets', () => {
    const { text, sentences } = layout([4, 1, 5, 2]);
    const chunks = chunkDocument(text, sentences, DEFAULT_CHUNKING);
    expect(new Set(chunks.flatMap((c) => c.sentenceIds)).size).toBe(sentences.length);
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('closes a chunk early when it would exceed the character budget', () => {
    const { text, sentences } = layout([6]);
    const chunks = chunkDocument(text, sentences, { ...DEFAULT_CHUNKING, maxChars: 6 });
    for (const c of chunks) expect(c.sentenceIds.length).toBeLessThanOrEqual(2);
  });
});
