import type { SearchIndex } from '../index/types';
import type { Span } from '../text/types';
import type { Citation } from './types';

/** A paragraph an answer quoted from, whole, with where the quotes sit in it. */
export interface CitedParagraph {
  docId: string;
  title: string;
  date: string | null;
  /** 1-based, as cited ("¶3"). */
  paragraph: number;
  /** The paragraph verbatim: `doc.text.slice(start, end)`. */
  text: string;
  /** The quoted sentences, as offsets into `text`, in reading order. */
  quotes: Span[];
  /** The citation number ([1], [2]…) of each quote, in the same order. */
  citationIds: number[];
}

/** The paragraphs the citations come from, in order of first citation; each paragraph once. */
export function citedParagraphs(index: SearchIndex, citations: readonly Citation[]): CitedParagraph[] {
  const byParagraph = new Map<
    string,
    Omit<CitedParagraph, 'quotes' | 'citationIds'> & { offset: number; cited: (Span & { id: number })[] }
  >();
  for (const citation of citations) {
    const doc = index.documentById.get(citation.docId);
    const paragraph = doc?.paragraphs.find((p) => p.start <= citation.start && citation.end <= p.end);
    if (!doc || !paragraph) continue;
    const key = `${doc.id}\u0000${paragraph.number}`;
    let cited = byParagraph.get(key);
    if (!cited) {
      cited = {
        docId: doc.id,
        title: doc.title,
        date: doc.date,
        paragraph: paragraph.number,
        text: doc.text.slice(paragraph.start, paragraph.end),
        offset: paragraph.start,
        cited: [],
      };
      byParagraph.set(key, cited);
    }
    cited.cited.push({ id: citation.id, start: citation.start - cited.offset, end: citation.end - cited.offset });
  }
  return [...byParagraph.values()].map(({ offset: _offset, cited, ...paragraph }) => {
    const inOrder = cited.sort((a, b) => a.start - b.start);
    return { ...paragraph, quotes: inOrder.map(({ start, end }) => ({ start, end })), citationIds: inOrder.map((c) => c.id) };
  });
}
