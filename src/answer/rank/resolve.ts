import { distance } from 'fastest-levenshtein';
import type { SearchIndex } from '../../index/types';
import { wordNet } from '../../text/wordnet';
import type { Question } from '../question';

/**
 * The question's words read against the corpus: how rare each is (IDF over sentences), whether
 * the corpus writes it as a name, typos mended against the corpus vocabulary ("krebss" →
 * krebs), and the expansions that apply (a name is never expanded: "Ware" is not merchandise).
 */
export interface ResolvedTerm {
  term: string;
  /** As typed, when the term was corrected. */
  typed: string | null;
  weight: number;
  /** Written as a name in the corpus (capitalised mid-sentence most of the time) or typed as one. */
  name: boolean;
  /** False when the corpus never uses the term, even after correction. */
  known: boolean;
}

export interface ResolvedQuestion {
  terms: ResolvedTerm[];
  /** Expansions of the question's non-name terms that the corpus uses, with their IDF-scaled weights. */
  expansions: { term: string; word: string; from: string; weight: number }[];
  /** Share of the question's term weight the corpus has never seen: high for questions about something else. */
  unknownShare: number;
}

// A term written capitalised in at least this share of its mid-sentence occurrences is a name.
// Measured on the BBC corpus: names sit above 90 %, sentence words below 10 %, few in between.
const NAME_CAPITALISED_PERCENT = 60;
/** Typos are mended only in words this long: short words have too many neighbours one edit away. */
const MIN_CORRECTABLE_LENGTH = 4;

export function resolveQuestion(index: SearchIndex, question: Question): ResolvedQuestion {
  const total = index.sentences.length;
  const idf = (sentences: number) => Math.log(1 + (total + 1) / (sentences + 1));
  const terms: ResolvedTerm[] = [];
  const seen = new Set<string>();
  for (const word of question.terms) {
    let term = word.term;
    let typed: string | null = null;
    let stats = index.terms.get(term);
    if (!stats && !word.name && word.token.length >= MIN_CORRECTABLE_LENGTH && !isDictionaryWord(word.lemma)) {
      const corrected = closestTerm(index, term);
      if (corrected) {
        typed = word.token;
        term = corrected;
        stats = index.terms.get(term);
      }
    }
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push({
      term,
      typed,
      weight: idf(stats?.sentences ?? 0),
      name: word.name || (stats?.capitalisedPercent ?? 0) >= NAME_CAPITALISED_PERCENT,
      known: stats !== undefined,
    });
  }
  const names = new Set(terms.filter((t) => t.name).map((t) => t.term));
  const expansions = question.expansions
    .filter((e) => !names.has(e.from) && !seen.has(e.term) && index.terms.has(e.term))
    .map((e) => ({ ...e, weight: e.weight * idf(index.terms.get(e.term)!.sentences) }));
  const totalWeight = terms.reduce((sum, t) => sum + t.weight, 0);
  const unknownWeight = terms.filter((t) => !t.known).reduce((sum, t) => sum + t.weight, 0);
  return { terms, expansions, unknownShare: totalWeight > 0 ? unknownWeight / totalWeight : 0 };
}

function isDictionaryWord(lemma: string): boolean {
  const net = wordNet();
  return (['noun', 'verb', 'adj', 'adv'] as const).some((pos) => net.synsets(lemma, pos).length > 0);
}

const termsByLength = new WeakMap<SearchIndex, Map<number, string[]>>();

/** The corpus term one edit away (two for long words), the most frequent when several are. */
function closestTerm(index: SearchIndex, term: string): string | null {
  let byLength = termsByLength.get(index);
  if (!byLength) {
    byLength = new Map();
    for (const known of index.terms.keys()) {
      const list = byLength.get(known.length);
      if (list) list.push(known);
      else byLength.set(known.length, [known]);
    }
    termsByLength.set(index, byLength);
  }
  const maxEdits = term.length >= 7 ? 2 : 1;
  let best: string | null = null;
  let bestScore = -1;
  for (let length = term.length - maxEdits; length <= term.length + maxEdits; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      if (distance(term, candidate) > maxEdits) continue;
      const score = index.terms.get(candidate)!.sentences;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
  }
  return best;
}
