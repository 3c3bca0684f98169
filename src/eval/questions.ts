import type { EvalSet } from './sets';
import type { SquadQuestion } from './squad';

/** A span of a document's text. */
export interface DocSpan {
  docId: string;
  start: number;
  end: number;
  text: string;
}

/** One question of any eval source, with a way to tell whether a quoted span answers it. */
export interface EvalQuestion {
  question: string;
  answerable: boolean;
  /** The article the question is about (also for unanswerable ones, when known). */
  docId: string | null;
  /** The type its writer gave it (overview, person, date…), when known. */
  type: string | null;
  /** tune / test for the hand-written sets; train / test for SQuAD; null when not split. */
  split: string | null;
  /** True when the span holds the answer: a gold sentence (or part of one), or a gold answer's characters. */
  isGold(span: DocSpan): boolean;
}

/**
 * Questions of a hand-written set. A span is gold when it is in the right document and either
 * it and a gold sentence contain one another (a quote may add the paragraph an intro line
 * opens, and a gold "sentence" may be a whole embedded post the splitter cuts in two), or it
 * holds the writer's short answer verbatim ("20 February", "464,000"): another sentence of the
 * article can state the same fact. Answers too short to be telling (under four characters
 * without a digit) count only through the gold sentences.
 */
export function setQuestions(set: EvalSet): EvalQuestion[] {
  return [
    ...set.answerable.map((q) => {
      const answer = q.answer && (q.answer.length >= MIN_TELLING_ANSWER || /\d/.test(q.answer)) ? q.answer : null;
      return {
        question: q.question,
        answerable: true,
        docId: q.docId,
        type: q.type ?? null,
        split: q.split ?? null,
        isGold: (span: DocSpan) =>
          span.docId === q.docId &&
          (q.gold.some((g) => g === span.text || g.includes(span.text) || span.text.includes(g)) || (answer !== null && span.text.includes(answer))),
      };
    }),
    ...set.unanswerable.map((q) => ({
      question: q.question,
      answerable: false,
      docId: q.docId ?? null,
      type: q.type ?? null,
      split: q.split ?? null,
      isGold: () => false,
    })),
  ];
}

const MIN_TELLING_ANSWER = 4;

/** SQuAD questions: a span is gold when it covers all the characters of one of the gold answers. */
export function squadQuestions(questions: readonly SquadQuestion[]): EvalQuestion[] {
  return questions.map((q) => ({
    question: q.question,
    answerable: q.answers.length > 0,
    docId: q.docId,
    type: null,
    split: q.split,
    isGold: (span: DocSpan) => span.docId === q.docId && q.answers.some((a) => span.start <= a.start && a.end <= span.end),
  }));
}
