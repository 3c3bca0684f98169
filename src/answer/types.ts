import type { QuestionIntent } from './question';

/** One quoted sentence, as the JSON contract of `npm run ask -- --json` gives it. */
export interface Citation {
  /** 1-based citation number, as shown in the answer: [1]. */
  id: number;
  /** The whole sentence, verbatim: `doc.text.slice(start, end) === quote`. */
  quote: string;
  docId: string;
  title: string;
  date: string | null;
  paragraph: number;
  start: number;
  end: number;
  /** Relevance to the question (higher is better; comparable within one answer). */
  score: number;
}

export interface Timings {
  embedMs: number;
  searchMs: number;
  totalMs: number;
}

export interface Answer {
  question: string;
  answered: boolean;
  /** Discord-ready markdown: a lead quote, the numbered quotes, the sources line. */
  answer: string;
  citations: Citation[];
  model: string;
  timings: Timings;
  /** How the question was read (overview, definition, person, date, …). */
  intent: QuestionIntent;
  /** The short answer inside the first citation, as offsets in its document (shown in bold), if found. */
  answerSpan: { start: number; end: number } | null;
  /** Not part of the JSON contract: what the caller may want to tell the user (e.g. the question was cut). */
  warnings: string[];
}
