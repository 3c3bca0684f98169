import type { IndexedSentence, SearchIndex } from '../index/types';
import { centralSentences } from './central';

export interface SummaryScope {
  /** One article; by default the whole corpus. */
  docId?: string | undefined;
}

/** For a corpus of many articles, the opening sentences of each stand for it: that is where news puts the story. */
const OPENING_SENTENCES = 3;
/** The newest articles a corpus summary reads (TextRank is quadratic in its sentences). */
const MAX_ARTICLES = 100;

/**
 * The sentences of a summary: of one article, its lead and its most central sentences; of a
 * corpus, the same over the opening sentences of its newest articles, the newest lead first.
 */
export function summarySentences(index: SearchIndex, scope: SummaryScope = {}): IndexedSentence[] {
  const documents = scope.docId ? index.documents.filter((d) => d.id === scope.docId) : index.documents;
  if (documents.length === 1) {
    const { first, end } = index.documentSentences.get(documents[0]!.id)!;
    return inDocumentOrder(centralSentences(index, index.sentences.slice(first, end)));
  }
  const newest = [...documents].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')).slice(0, MAX_ARTICLES);
  const pool = newest.flatMap((doc) => {
    const { first, end } = index.documentSentences.get(doc.id)!;
    return index.sentences.slice(first, Math.min(end, first + OPENING_SENTENCES));
  });
  return centralSentences(index, pool, { extra: 3 });
}

/** Within one article the quotes read best in the order the article tells them. */
function inDocumentOrder(sentences: IndexedSentence[]): IndexedSentence[] {
  const [lead, ...rest] = sentences;
  return lead ? [lead, ...rest.sort((a, b) => a.id - b.id)] : [];
}
