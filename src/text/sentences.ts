import sbd from 'sbd';
import type { Document } from '../corpus/types';
import type { Sentence } from './types';

// sbd knows English abbreviations ("Nov.", "Mr.", "Gov.") and dotted ones ("U.S."), which
// Intl.Segmenter splits after. Whitespace is preserved so that offsets can be recovered.
const SBD_OPTIONS = { newline_boundaries: false, preserve_whitespace: true, sanitize: false } as const;

/** One span of a sentence in a text, before it gets an index-wide id. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Sentence spans of `text[from, to)`, trimmed of surrounding white space. */
export function splitSentences(text: string, from = 0, to = text.length): SentenceSpan[] {
  const region = text.slice(from, to);
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  for (const piece of sbd.sentences(region, SBD_OPTIONS)) {
    const trimmed = piece.trim();
    if (!trimmed) continue;
    const at = region.indexOf(trimmed, cursor);
    // sbd rewrites text only in rare cases (glued "end.Start"); then the rest stays one sentence.
    if (at < 0) break;
    spans.push({ start: from + at, end: from + at + trimmed.length });
    cursor = at + trimmed.length;
  }
  const rest = region.slice(cursor).trim();
  if (rest) {
    const at = region.indexOf(rest, cursor);
    spans.push({ start: from + at, end: from + at + rest.length });
  }
  return spans;
}

/** Every sentence of a document, paragraph by paragraph, numbered from `firstId`. */
export function documentSentences(doc: Document, firstId = 0): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of doc.paragraphs) {
    for (const span of splitSentences(doc.text, paragraph.start, paragraph.end)) {
      sentences.push({
        id: firstId + sentences.length,
        docId: doc.id,
        paragraph: paragraph.number,
        start: span.start,
        end: span.end,
        text: doc.text.slice(span.start, span.end),
      });
    }
  }
  return sentences;
}
