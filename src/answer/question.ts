import { contentTerms } from '../text/terms';

export type QuestionType = 'when' | 'who' | 'why' | 'quantity' | 'other';

export const MAX_QUESTION_CHARS = 1000;

export class QuestionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuestionError';
  }
}

export interface Question {
  /** The text searched for: trimmed, white space folded, cut to MAX_QUESTION_CHARS. */
  text: string;
  type: QuestionType;
  /** Normalised content terms ("why was Krebs fired?" → krebs, fire). */
  terms: string[];
  /** Set when the question had to be cut. */
  warning: string | null;
}

/** Reads a user's question: rejects empty ones, cuts overlong ones, and tells what kind of answer it wants. */
export function parseQuestion(raw: string): Question {
  // Control and zero-width characters carry no meaning and confuse tokenisers; everything else stays.
  const text = raw
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(text))
    throw new QuestionError('The question is empty: ask something about the story, e.g. "Why was Krebs fired?"');
  let warning: string | null = null;
  let cut = text;
  if (text.length > MAX_QUESTION_CHARS) {
    const boundary = text.lastIndexOf(' ', MAX_QUESTION_CHARS);
    cut = text.slice(0, boundary > MAX_QUESTION_CHARS / 2 ? boundary : MAX_QUESTION_CHARS);
    warning = `The question was ${text.length} characters long; only its first ${cut.length} were used.`;
  }
  return { text: cut, type: questionType(cut), terms: contentTerms(cut), warning };
}

function questionType(text: string): QuestionType {
  const lower = text.toLowerCase();
  if (/\b(why|what (?:was|is) the reason|for what reason|what led|what caused|how come)\b/.test(lower)) return 'why';
  if (/\b(when|what (?:date|day|time|year|month)|which (?:date|day|year|month)|how long ago)\b/.test(lower)) return 'when';
  if (/\b(who|whom|whose)\b/.test(lower)) return 'who';
  if (/\b(how (?:many|much|long|far|big|old|often)|what (?:percentage|proportion|share|amount|price|sum|figure)|cost|worth)\b/.test(lower))
    return 'quantity';
  return 'other';
}
