import MiniSearch, { type Options } from 'minisearch';
import { normalizeTerm, tokenize } from '../text/terms';

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

const optionsOf = (kind: LexiconKind) => (kind === 'chunks' ? CHUNK_OPTIONS : SENTENCE_OPTIONS);

export function createLexicon(kind: LexiconKind, records: { id: number; text: string; title?: string }[]): MiniSearch {
  const lexicon = new MiniSearch(optionsOf(kind));
  lexicon.addAll(records);
  return lexicon;
}

export function loadLexicon(kind: LexiconKind, json: string): MiniSearch {
  return MiniSearch.loadJSON(json, optionsOf(kind));
}
