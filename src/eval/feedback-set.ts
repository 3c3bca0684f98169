import type { RatedAnswer } from '../storage';

/** An eval set (the format of eval/*.json) drafted from readers' votes, plus what a person must review. */
export interface FeedbackEvalSet {
  description: string;
  corpus: { root: string };
  answerable: { question: string; docId: string; type: string; split: 'feedback'; gold: string[]; answer: null }[];
  unanswerable: { question: string; why: string }[];
  /** Answers voted down as often as up or more, or citing nothing: each to become answerable with the right gold, or unanswerable. */
  review: { question: string; intent: string; citations: { docId: string; quote: string }[]; up: number; down: number }[];
}

/**
 * Answers voted up become answerable questions whose gold is what they cited; the rest go to
 * review. Gold keeps only the quotes from the first cited document, the one the question is
 * filed under: the eval looks for gold sentences in that document only.
 */
export function feedbackEvalSet(answers: readonly RatedAnswer[], options: { corpusRoot: string; description: string }): FeedbackEvalSet {
  const set: FeedbackEvalSet = { description: options.description, corpus: { root: options.corpusRoot }, answerable: [], unanswerable: [], review: [] };
  for (const answer of [...answers].sort((a, b) => b.net - a.net)) {
    const docId = answer.citations[0]?.docId;
    if (answer.net > 0 && docId !== undefined) {
      const gold = answer.citations.filter((c) => c.docId === docId).map((c) => c.quote);
      set.answerable.push({ question: answer.question, docId, type: answer.intent, split: 'feedback', gold, answer: null });
    } else {
      set.review.push({
        question: answer.question,
        intent: answer.intent,
        citations: answer.citations.map(({ docId, quote }) => ({ docId, quote })),
        up: answer.up,
        down: answer.down,
      });
    }
  }
  set.review.sort((a, b) => a.up - a.down - (b.up - b.down));
  return set;
}
