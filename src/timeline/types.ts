/** How much of a date the text pins down. */
export type DatePrecision = 'day' | 'month' | 'year';

/** One dated statement of a document, with the verbatim text it rests on. */
export interface TimelineEvent {
  /** ISO at its precision: '2020-11-17' | '2020-11' | '2016'. */
  date: string;
  precision: DatePrecision;
  /** A short verbatim piece of `quote` (an exact substring of it), cut at clause boundaries. */
  summary: string;
  /** The full verbatim sentence(s): an exact substring of the document text. */
  quote: string;
  docId: string;
  title: string;
  /** 1-based paragraph of the first sentence of `quote`. */
  paragraph: number;
  /** Offsets of `quote` in the document text: `quote === doc.text.slice(start, end)`. */
  start: number;
  end: number;
  sentenceIds: number[];
  /** The date expression as written, e.g. 'Tuesday, November 17'. */
  mention: string;
}

/** A date expression found in a piece of text, resolved to a calendar date. */
export interface DateMention {
  /** Offsets of `text` within the string that was searched. */
  start: number;
  end: number;
  /** The expression as written (without a leading "on"/"in" and trailing punctuation). */
  text: string;
  date: string;
  precision: DatePrecision;
  /** How the date was obtained; explicit ones (a year is written) outrank resolved ones. */
  kind: MentionKind;
}

/**
 * - `explicit`: the text writes the year ("November 18, 2020", "January 2004").
 * - `year`: a bare year ("the 2016 election").
 * - `day-month`: day and month, year taken from the publication date.
 * - `month`: a month name alone ("in March"), year taken from the publication date.
 * - `weekday`: a bare weekday ("on Tuesday"), resolved against the publication date.
 * - `relative`: "yesterday", "two days ago", "last week", "last year"...
 */
export type MentionKind = 'explicit' | 'year' | 'day-month' | 'month' | 'weekday' | 'relative';
