import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask';
import { citedParagraphs } from '../../src/answer/context';
import type { Engine } from '../../src/engine';
import { storyEngine } from '../support/engines';

let engine: Engine;
beforeAll(async () => {
  engine = await storyEngine();
});
afterAll(() => engine.embedder.close());

describe('citedParagraphs(): the paragraphs an answer quoted from', () => {
  it('gives each cited paragraph whole and verbatim, with every quote at its place in it', async () => {
    const answer = await ask(engine, 'why was krebs fired');
    const paragraphs = citedParagraphs(engine.index, answer.citations);
    expect(paragraphs.length).toBeGreaterThan(0);
    const doc = engine.index.documents[0]!;
    for (const p of paragraphs) {
      expect(doc.text).toContain(p.text);
      expect(p.quotes).toHaveLength(p.citationIds.length);
      for (const [i, quote] of p.quotes.entries()) {
        const citation = answer.citations.find((c) => c.id === p.citationIds[i])!;
        expect(p.text.slice(quote.start, quote.end)).toBe(citation.quote);
      }
    }
    // Every citation is in exactly one paragraph, and no paragraph comes twice.
    expect(paragraphs.flatMap((p) => p.citationIds).sort()).toEqual(answer.citations.map((c) => c.id).sort());
    expect(new Set(paragraphs.map((p) => `${p.docId}#${p.paragraph}`)).size).toBe(paragraphs.length);
  });

  it('is empty for an answer without citations', () => {
    expect(citedParagraphs(engine.index, [])).toEqual([]);
  });
});
