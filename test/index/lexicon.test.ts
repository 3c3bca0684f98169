import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLexicon, scoreAmong, termCounts, updateLexicon, type LexiconRecord } from '../../src/index/lexicon';
import { splitSentences } from '../../src/text/sentences';
import { tokenize } from '../../src/text/terms';
import { STORY_CORPUS } from '../support/paths';

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

describe('scoring a few sentences without building a lexicon (scoreAmong)', () => {
  const story = readFileSync(path.join(STORY_CORPUS, 'krebs-fired.txt'), 'utf8');
  const sentences = splitSentences(story).map((span, id) => ({ id: id * 3 + 7, text: story.slice(span.start, span.end) }));
  const words = sentences.flatMap((s) => tokenize(s.text));
  // A small deterministic generator: the same sets and queries on every run.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const viaMiniSearch = (records: LexiconRecord[], query: string, boostTerm?: (term: string) => number) =>
    createLexicon('sentences', records)
      .search(query, boostTerm ? { boostTerm } : {})
      .map((hit) => ({ id: hit.id as number, score: hit.score }));
  const counted = (records: LexiconRecord[]) => records.map((r) => ({ id: r.id, terms: termCounts(r.text) }));

  it('gives the scores and order a sentence lexicon of the same records gives, bit for bit, over 300 random sets and queries', () => {
    for (let trial = 0; trial < 300; trial++) {
      const records = sentences.filter(() => random() < 0.5);
      // Repeated words, stop words and words no record holds, as a question with its expansions has.
      const query = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(words)).join(' ') + ' the zebra';
      const boosts = new Map(words.slice(0, 40).map((w) => [w.toLowerCase(), random()]));
      const boostTerm = (term: string) => boosts.get(term) ?? 1;
      expect(scoreAmong(counted(records), query, boostTerm)).toEqual(viaMiniSearch(records, query, boostTerm));
      expect(scoreAmong(counted(records), query)).toEqual(viaMiniSearch(records, query));
    }
  });

  it('keeps MiniSearch’s order for equal scores, and finds nothing for a query of stop words', () => {
    const twins = [
      { id: 1, text: 'Krebs was fired.' },
      { id: 2, text: 'Krebs was fired.' },
      { id: 3, text: 'Nothing here.' },
    ];
    expect(scoreAmong(counted(twins), 'fired krebs').map((h) => h.id)).toEqual([1, 2]);
    expect(scoreAmong(counted(twins), 'fired krebs')).toEqual(viaMiniSearch(twins, 'fired krebs'));
    expect(scoreAmong(counted(twins), 'what was the')).toEqual([]);
  });
});
