import MiniSearch, { type Options } from 'minisearch';
import { contentTerms, normalizeTerm, tokenize } from '../text/terms';
import { StoryQaError } from '../util/errors';

/**
 * BM25 over chunks (with the document title, so a question naming the story's subject finds its
 * document) and over single sentences (to pick the sentence inside a chunk that answers).
 */
const shared = {
  idField: 'id',
  tokenize,
  processTerm: (term: string) => normalizeTerm(term),
} satisfies Partial<Options>;

const CHUNK_OPTIONS: Options = {
  ...shared,
  fields: ['title', 'text'],
  searchOptions: { boost: { title: 0.5 }, combineWith: 'OR' },
};

/** MiniSearch's own BM25+ defaults, named here because `scoreAmong` scores with them too. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

const SENTENCE_OPTIONS: Options = {
  ...shared,
  fields: ['text'],
  searchOptions: { combineWith: 'OR', bm25: BM25 },
};

export type LexiconKind = 'chunks' | 'sentences';

export interface LexiconRecord {
  id: number;
  text: string;
  title?: string;
}

const optionsOf = (kind: LexiconKind) => (kind === 'chunks' ? CHUNK_OPTIONS : SENTENCE_OPTIONS);

export function createLexicon(kind: LexiconKind, records: LexiconRecord[]): MiniSearch {
  const lexicon = new MiniSearch(optionsOf(kind));
  lexicon.addAll(records);
  return lexicon;
}

export function loadLexicon(kind: LexiconKind, json: string): MiniSearch {
  return MiniSearch.loadJSON(json, optionsOf(kind));
}

/** A saved lexicon that does not hold what the previous build says it does. */
export class LexiconMismatchError extends StoryQaError {
  override readonly name = 'LexiconMismatchError';
  constructor(message: string) {
    super(message, { userFacing: false });
  }
}

/**
 * A saved lexicon brought up to date, instead of indexing every record again: what is gone or
 * changed since `before` is removed, what is new is added. Record ids must be stable across the
 * two (HNSW labels are). Throws when `before` is not what the saved lexicon holds.
 */
export function updateLexicon(kind: LexiconKind, json: string, before: LexiconRecord[], after: LexiconRecord[]): MiniSearch {
  const lexicon = MiniSearch.loadJSON(json, {
    ...optionsOf(kind),
    // MiniSearch only warns when a removed record differs from what it indexed; here that means
    // `before` is wrong, and going on would corrupt the lexicon.
    logger: (level, message) => {
      if (level === 'warn' || level === 'error') throw new LexiconMismatchError(message);
    },
  });
  const wanted = new Map(after.map((record) => [record.id, record]));
  for (const record of before) {
    const current = wanted.get(record.id);
    if (current && current.text === record.text && current.title === record.title) wanted.delete(record.id);
    else lexicon.remove(record);
  }
  lexicon.addAll([...wanted.values()]);
  return lexicon;
}

/** What BM25 needs of one text: its length as MiniSearch counts it (distinct raw tokens) and its term counts. */
export interface TermCounts {
  length: number;
  counts: Map<string, number>;
}

export function termCounts(text: string): TermCounts {
  const counts = new Map<string, number>();
  for (const term of contentTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { length: new Set(tokenize(text)).size, counts };
}

export interface CountedRecord {
  id: number;
  terms: TermCounts;
}

export interface ScoredRecord {
  id: number;
  score: number;
}

/**
 * The hits a sentence lexicon of exactly these records would return for `query`
 * (`createLexicon('sentences', records).search(query, { boostTerm })`: the same scores, to the
 * last bit, in the same order), from term counts the caller keeps. Ranking a question's ~150
 * candidate sentences this way skips building a MiniSearch index per question, which cost as
 * much as the rest of the ranking features together (CPU profile, 300 BBC articles).
 * A test holds it to MiniSearch on real text.
 */
export function scoreAmong(
  records: readonly CountedRecord[],
  query: string,
  boostTerm: (term: string) => number = () => 1,
): ScoredRecord[] {
  // MiniSearch keeps a running average as records are added, so its rounding is reproduced too.
  let averageLength = 0;
  records.forEach((record, i) => {
    averageLength = (averageLength * i + record.terms.length) / (i + 1);
  });
  const { k, b, d } = BM25;
  // Insertion order matters: equal scores keep it through the (stable) sort, as in MiniSearch.
  const hits = new Map<number, { score: number; terms: Set<string> }>();
  for (const term of contentTerms(query)) {
    const holders = records.filter((record) => record.terms.counts.has(term));
    if (holders.length === 0) continue;
    const boost = boostTerm(term);
    const inverseFrequency = Math.log(1 + (records.length - holders.length + 0.5) / (holders.length + 0.5));
    for (const record of holders) {
      const frequency = record.terms.counts.get(term)!;
      const raw = inverseFrequency * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * record.terms.length) / averageLength)));
      const hit = hits.get(record.id);
      if (hit) {
        hit.score += boost * raw;
        hit.terms.add(term);
      } else hits.set(record.id, { score: boost * raw, terms: new Set([term]) });
    }
  }
  // MiniSearch multiplies by the number of distinct query terms matched.
  return [...hits].map(([id, hit]) => ({ id, score: hit.score * hit.terms.size })).sort((x, y) => y.score - x.score);
}
