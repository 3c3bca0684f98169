import { normalizeTerm } from '../../text/terms';
import { wordNet, type WordNetPos } from '../../text/wordnet';

/** A word the question did not use but means: matched with less weight than the question's own. */
export interface Expansion {
  term: string;
  /** The word as WordNet or the idiom list writes it ("dismiss"), for full-text search. */
  word: string;
  /** The question's term it stands for. */
  from: string;
  weight: number;
}

// How much an expansion counts against the question's own word (1). Synonyms and derived forms
// ("lose" → loss) say nearly the same; a hypernym ("car" → vehicle) is broader.
export const EXPANSION_WEIGHTS = { idiom: 1, synonym: 0.6, derivation: 0.6, hypernym: 0.3 } as const;
/** The most expansions one word brings: a common verb has dozens of senses, most of them noise. */
const MAX_EXPANSIONS_PER_WORD = 24;
// Verbs too general to expand: WordNet lists hundreds of senses for each of them.
const LIGHT_VERBS = new Set([
  'be',
  'become',
  'come',
  'do',
  'get',
  'give',
  'go',
  'have',
  'keep',
  'let',
  'make',
  'put',
  'say',
  'seem',
  'take',
  'tell',
]);

/**
 * WordNet synonyms, derived forms and (for nouns) hypernym heads of one lemma, as index terms.
 * "canned" (lemma can, verb) → fire, dismiss, sack, termin…; "lose" → loss; "car" → vehicl.
 * `own` is the question's term for the word, which is not an expansion of itself.
 */
export function wordNetExpansions(lemma: string, pos: WordNetPos, own: string): Expansion[] {
  if (pos === 'verb' && LIGHT_VERBS.has(lemma)) return [];
  const found = new Map<string, { word: string; weight: number }>();
  const add = (lemmaWord: string, weight: number) => {
    // A multiword lemma counts by its head: "motor vehicle" → vehicle, "give the axe" → skipped (a verb phrase).
    const words = lemmaWord.split(' ');
    if (words.length > 1 && pos !== 'noun') return;
    const word = words[words.length - 1]!;
    const term = normalizeTerm(word);
    if (!term || term === own) return;
    if ((found.get(term)?.weight ?? 0) < weight) found.set(term, { word, weight });
  };
  const net = wordNet();
  for (const synset of net.synsets(lemma, pos)) {
    for (const word of synset.words) add(word, EXPANSION_WEIGHTS.synonym);
    const self = synset.words.indexOf(lemma.toLowerCase());
    for (const pointer of synset.related) {
      // Derivations link words, not meanings: follow only those that start from this lemma (and
      // take the target's synonyms with it: "lose" → losings, and so losses).
      if (pointer.relation === 'derivation' && (pointer.fromWord === null || pointer.fromWord === self)) {
        for (const word of net.synsetAt(pointer.pos, pointer.offset).words) add(word, EXPANSION_WEIGHTS.derivation);
      } else if (pointer.relation === 'hypernym' && pos === 'noun') {
        for (const word of net.synsetAt(pointer.pos, pointer.offset).words) add(word, EXPANSION_WEIGHTS.hypernym);
      }
    }
    if (found.size >= MAX_EXPANSIONS_PER_WORD) break;
  }
  return [...found].slice(0, MAX_EXPANSIONS_PER_WORD).map(([term, { word, weight }]) => ({ term, word, from: own, weight }));
}
