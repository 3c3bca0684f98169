import type { Document } from '../corpus/types';
import type { Sentence } from '../text/types';
import { findDates } from './mentions';
import type { Span } from '../text/types';
import { summarize } from './summary';
import type { DateMention, TimelineEvent } from './types';

/** An embedded post's signature: "— Chris Krebs (@C_C_Krebs)" right before its date. */
const POST_SIGNATURE = /\s[—–-]\s*[^—–\n]{1,80}\(@\w{1,30}\)\s*$/;
/** A sentence that only introduces a quotation: "On Wednesday, Trump played his hand when he tweeted:". */
const REPORTING_VERB_END = /\b(tweeted|said|says|wrote|writes|posted|announced|added|stated|declared|told \w+|tweets|posts)\s*:\s*$/i;
/** Extra text a quotation may add to a quote, so a Discord line stays a citation, not a wall. */
const MAX_QUOTED_EXTENSION_CHARS = 600;

/**
 * Dated events of one document: one per date expression found in a sentence (see
 * `mentions.ts` for the conventions), in document order. Events are not merged: pass the
 * result (of one or many documents) to `mergeEvents`.
 *
 * - `quote` is the sentence holding the date; for an embedded post ("... — Name (@handle)
 *   November 18, 2020") it is the post's whole paragraph, and for a sentence that introduces a
 *   quotation ("... he tweeted:") it runs on through the quoted paragraph that follows.
 * - `summary` is a short clause of the quote (see `summary.ts`).
 * - The publication date alone is not an event; nor is a sentence that is nothing but a date
 *   (a dateline such as "Published: 18 November 2020").
 */
export function extractEvents(doc: Document, sentences: Sentence[]): TimelineEvent[] {
  const own = sentences.filter((s) => s.docId === doc.id).sort((a, b) => a.start - b.start);
  const events: TimelineEvent[] = [];
  own.forEach((sentence, position) => {
    const mentions = findDates(sentence.text, doc.date);
    if (mentions.length === 0 || isDateline(sentence.text, mentions)) return;
    for (const mention of mentions) {
      events.push(buildEvent(doc, own, position, mention));
    }
  });
  return events;
}

function buildEvent(doc: Document, sentences: Sentence[], position: number, mention: DateMention): TimelineEvent {
  const sentence = sentences[position]!;
  let first = position;
  let last = position;
  // The summary is taken from `summaryFrom` (absolute offsets) with the date as focus, if inside.
  let summaryFrom: Span = { start: sentence.start, end: sentence.end };
  let focus: Span | null = { start: sentence.start + mention.start, end: sentence.start + mention.end };
  let allowSentences = false;

  const beforeDate = sentence.text.slice(0, mention.start);
  const afterDate = sentence.text.slice(mention.end);
  if (/^[\s.]*$/.test(afterDate) && POST_SIGNATURE.test(beforeDate)) {
    // An embedded post: its text is the paragraph up to the signature.
    while (first > 0 && sentences[first - 1]!.paragraph === sentence.paragraph) first -= 1;
    const signature = POST_SIGNATURE.exec(beforeDate)!;
    const bodyEnd = sentence.start + signature.index;
    if (bodyEnd > sentences[first]!.start) {
      summaryFrom = { start: sentences[first]!.start, end: bodyEnd };
      focus = null;
      allowSentences = true;
    }
  } else if (/:\s*$/.test(sentence.text)) {
    // "... he tweeted:" followed by the quoted paragraph.
    const next = sentences[position + 1];
    if (next && next.paragraph !== sentence.paragraph && /^["“‘']/.test(next.text)) {
      let end = position + 1;
      while (sentences[end + 1]?.paragraph === next.paragraph) end += 1;
      if (sentences[end]!.end - next.start <= MAX_QUOTED_EXTENSION_CHARS) {
        last = end;
        const own = summarize(doc.text.slice(sentence.start, sentence.end), relative(focus, sentence.start));
        const ownText = doc.text.slice(sentence.start + own.start, sentence.start + own.end);
        // A summary that would only say "he tweeted" shows the quoted words instead.
        if (REPORTING_VERB_END.test(ownText + ':') || ownText.split(/\s+/).length < 4) {
          summaryFrom = { start: next.start, end: sentences[end]!.end };
          focus = null;
          allowSentences = true;
        }
      }
    }
  }

  const start = sentences[first]!.start;
  const end = sentences[last]!.end;
  const piece = summarize(doc.text.slice(summaryFrom.start, summaryFrom.end), relative(focus, summaryFrom.start), { allowSentences });
  return {
    date: mention.date,
    precision: mention.precision,
    summary: doc.text.slice(summaryFrom.start + piece.start, summaryFrom.start + piece.end),
    quote: doc.text.slice(start, end),
    docId: doc.id,
    title: doc.title,
    paragraph: sentences[first]!.paragraph,
    start,
    end,
    sentenceIds: sentences.slice(first, last + 1).map((s) => s.id),
    mention: mention.text,
  };
}

function relative(span: Span | null, origin: number): Span | null {
  return span ? { start: span.start - origin, end: span.end - origin } : null;
}

/** A sentence that holds dates and hardly anything else, or announces itself as a dateline. */
function isDateline(text: string, mentions: DateMention[]): boolean {
  if (/^\W*(published|updated|last updated|first published|posted|date|dated)\b/i.test(text)) return true;
  let rest = text;
  for (const m of [...mentions].sort((a, b) => b.start - a.start)) rest = rest.slice(0, m.start) + ' ' + rest.slice(m.end);
  const words = rest.match(/[A-Za-z]{3,}/g) ?? [];
  return words.length < 2;
}
