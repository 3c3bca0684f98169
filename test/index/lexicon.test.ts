import { describe, expect, it } from 'vitest';
import { createLexicon, updateLexicon, type LexiconRecord } from '../../src/index/lexicon';

const before: LexiconRecord[] = [
  { id: 10, title: 'Bridge opens', text: 'The mayor opened the Elm Street bridge on Monday.' },
  { id: 11, title: 'Bridge opens', text: 'Traffic was light on the new bridge.' },
  { id: 12, title: 'Zoo news', text: 'A zoo welcomed two red pandas on Friday.' },
];
const after: LexiconRecord[] = [
  { id: 10, title: 'Bridge opens', text: 'The mayor opened the Elm Street bridge on Monday.' },
  { id: 12, title: 'Zoo news today', text: 'A zoo welcomed two red pandas on Friday.' },
  { id: 13, title: 'Bridge opens', text: 'Traffic was heavy on the Oak Lane bridge.' },
];

const ranked = (lexicon: ReturnType<typeof createLexicon>, query: string) =>
  lexicon.search(query).map((hit) => [hit.id, hit.score.toFixed(6)]);

describe('updating a saved chunk lexicon', () => {
  it('ranks exactly as a lexicon built from scratch over the new records', () => {
    const saved = JSON.stringify(createLexicon('chunks', before));
    const updated = updateLexicon('chunks', saved, before, after);
    const fresh = createLexicon('chunks', after);
    for (const query of ['bridge traffic', 'light', 'Oak Lane', 'zoo news today', 'mayor Monday']) {
      expect(ranked(updated, query)).toEqual(ranked(fresh, query));
    }
    expect(updated.search('light')).toEqual([]);
    expect(updated.documentCount).toBe(3);
  });

  it('refuses a saved lexicon that does not hold the records it is said to hold', () => {
    const saved = JSON.stringify(createLexicon('chunks', before));
    const wrong = before.map((r) => (r.id === 11 ? { ...r, text: 'Something else entirely.' } : r));
    expect(() => updateLexicon('chunks', saved, wrong, after)).toThrow(/changed before removal/);
    expect(() => updateLexicon('chunks', saved, [...before, { id: 99, text: 'never indexed' }], after)).toThrow(/not in the index/);
  });
});
