import type { Document } from '../corpus/types';
import { mentionsCause } from '../text/features';
import { normalizeTerm, tokenize } from '../text/terms';
import { ELLIPSIS } from '../util/clip';
import { StoryQaError } from '../util/errors';

import type { Span } from '../text/types';

export class QuoteIntegrityError extends StoryQaError {
  override readonly name = 'QuoteIntegrityError';
}

/**
 * The last gate before anything is shown: a quote must be exactly the document's text at its
 * offsets. Everything rendered as a quote goes through here.
 */
export function verbatim(doc: Document, span: Span, claimed?: string): string {
  const text = doc.text.slice(span.start, span.end);
  if (span.start < 0 || span.end > doc.text.length || span.start >= span.end || (claimed !== undefined && claimed !== text)) {
    throw new QuoteIntegrityError(`quote [${span.start}, ${span.end}) is not verbatim text of ${doc.id}`, { userFacing: false });
  }
  return text;
}

/** Outweighs any number of matching words: the clause with the answer is shown first. */
const KEEP_WEIGHT = 1000;

/** What a shortened quote should keep: clauses with these terms, and (for "why") the stated cause. */
export interface QuoteFocus {
  terms?: readonly string[];
  cause?: boolean;
  /** A span (the short answer) whose clause is always kept. */
  keep?: Span | null;
}

/**
 * Shortens a sentence for display to at most `maxChars`, keeping the clauses that carry the
 * question's terms. Returns the kept spans (in document offsets); the parts between them are
 * replaced by an ellipsis, so every character shown between quote marks is verbatim.
 */
export function shortenSpan(doc: Document, span: Span, maxChars: number, focus: QuoteFocus = {}): Span[] {
  if (span.end - span.start <= maxChars) return [span];
  const clauses = clauseSpans(doc.text, span);
  const terms = new Set(focus.terms ?? []);
  const weight = (c: Span) => {
    const clause = doc.text.slice(c.start, c.end);
    const matches = tokenize(clause).filter((t) => terms.has(normalizeTerm(t) ?? '')).length;
    const holdsAnswer = focus.keep && c.start <= focus.keep.start && focus.keep.end <= c.end;
    return matches + (focus.cause && mentionsCause(clause) ? 1 : 0) + (holdsAnswer ? KEEP_WEIGHT : 0);
  };
  // Densest clauses first: a short clause naming the subject beats a long one that mentions it once.
  const ranked = clauses
    .map((clause, position) => ({ clause, position, density: weight(clause) / (clause.end - clause.start) }))
    .sort((a, b) => b.density - a.density || a.position - b.position);

  const kept: { clause: Span; position: number }[] = [];
  let used = 0;
  for (const candidate of ranked) {
    const length = candidate.clause.end - candidate.clause.start + ELLIPSIS.length + 1;
    if (used + length > maxChars) continue;
    kept.push(candidate);
    used += length;
  }
  if (kept.length === 0) return [cutAtWord(doc.text, ranked[0]!.clause, maxChars - 2 * (ELLIPSIS.length + 1))];
  kept.sort((a, b) => a.position - b.position);
  // Neighbouring clauses join into one span: no ellipsis where nothing was left out.
  const spans: Span[] = [];
  for (const { clause } of kept) {
    const last = spans[spans.length - 1];
    if (last && /^[\s,;:–—-]*$/.test(doc.text.slice(last.end, clause.start))) last.end = clause.end;
    else spans.push({ ...clause });
  }
  return spans;
}

/**
 * Marks a span to show in bold: the renderer escapes the text, then turns these into `**`.
 * Control characters never occur in quotes (questions and corpus text are shown escaped).
 */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';

/**
 * Renders spans of one sentence as display text: verbatim pieces joined by ellipses, with
 * `highlight` (the short answer, when it lies inside one piece) marked for bold.
 */
export function joinSpans(doc: Document, sentence: Span, spans: Span[], highlight: Span | null = null): string {
  const pieces = spans.map((span) => {
    const text = verbatim(doc, span);
    if (!highlight || highlight.start < span.start || highlight.end > span.end) return text;
    const from = highlight.start - span.start;
    const to = highlight.end - span.start;
    return `${text.slice(0, from)}${HIGHLIGHT_START}${text.slice(from, to)}${HIGHLIGHT_END}${text.slice(to)}`;
  });
  const lead = spans[0]!.start > sentence.start ? `${ELLIPSIS} ` : '';
  const tail = spans[spans.length - 1]!.end < sentence.end ? ` ${ELLIPSIS}` : '';
  return `${lead}${pieces.join(` ${ELLIPSIS} `)}${tail}`;
}

/** Clause boundaries: after , ; : and around dashes; each clause trimmed of spaces and the punctuation. */
function clauseSpans(text: string, span: Span): Span[] {
  const clauses: Span[] = [];
  const boundary = /[,;:]\s+|\s+[–—-]\s+/g;
  const region = text.slice(span.start, span.end);
  let from = 0;
  const push = (a: number, b: number) => {
    const piece = region.slice(a, b);
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (trimmed) clauses.push({ start: span.start + a + lead, end: span.start + a + lead + trimmed.length });
  };
  for (const match of region.matchAll(boundary)) {
    // Keep the comma with its clause so a kept run reads naturally.
    const punctuationEnd = match.index + match[0].trimEnd().length;
    push(from, /^[,;:]/.test(match[0]) ? punctuationEnd : match.index);
    from = match.index + match[0].length;
  }
  push(from, region.length);
  return clauses;
}

function cutAtWord(text: string, span: Span, maxChars: number): Span {
  if (span.end - span.start <= maxChars) return span;
  const window = text.slice(span.start, span.start + maxChars);
  const lastSpace = window.search(/\s\S*$/);
  const end = span.start + (lastSpace > maxChars / 2 ? lastSpace : maxChars);
  return { start: span.start, end: span.start + text.slice(span.start, end).trimEnd().length };
}
