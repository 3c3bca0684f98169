import MiniSearch, { type Options } from 'minisearch';
import { normalizeTerm, tokenize } from '../text/terms';
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

const SENTENCE_OPTIONS: Options = {
  ...shared,
  fields: ['text'],
  searchOptions: { combineWith: 'OR' },
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
