import { describe, expect, it } from 'vitest';
import { feedbackEvalSet } from '../../src/eval/feedback-set';
import type { RatedAnswer } from '../../src/storage';

const quote = (docId: string, text: string) => ({ docId, start: 0, end: text.length, quote: text });

function rated(question: string, up: number, down: number, citations = [quote('a', `${question} (a)`)]): RatedAnswer {
  return { question, intent: 'who', citations, up, down, net: up - down };
}

const draft = (answers: RatedAnswer[]) => feedbackEvalSet(answers, { corpusRoot: 'corpus', description: 'test' });

describe('feedbackEvalSet', () => {
  it('files an answer voted up under its first cited document, with the quotes from that document as gold', () => {
    const set = draft([rated('Who?', 2, 1, [quote('a', 'A one.'), quote('b', 'B one.'), quote('a', 'A two.')])]);
    expect(set.answerable).toEqual([{ question: 'Who?', docId: 'a', type: 'who', split: 'feedback', gold: ['A one.', 'A two.'], answer: null }]);
    expect(set.review).toEqual([]);
  });

  it('sends to review what is voted down, tied, or cites nothing, worst first', () => {
    const set = draft([rated('Tied?', 1, 1), rated('Bad?', 0, 3), rated('Nothing cited?', 2, 0, [])]);
    expect(set.answerable).toEqual([]);
    expect(set.review.map((r) => [r.question, r.up, r.down])).toEqual([
      ['Bad?', 0, 3],
      ['Tied?', 1, 1],
      ['Nothing cited?', 2, 0],
    ]);
    expect(set.review[0]!.citations).toEqual([{ docId: 'a', quote: 'Bad? (a)' }]);
  });

  it('lists the best-rated answers first and leaves unanswerable questions to the reviewer', () => {
    const set = draft([rated('Fine?', 1, 0), rated('Great?', 5, 0)]);
    expect(set.answerable.map((q) => q.question)).toEqual(['Great?', 'Fine?']);
    expect(set.unanswerable).toEqual([]);
    expect(set).toMatchObject({ description: 'test', corpus: { root: 'corpus' } });
  });
});
