import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask';
import { peopleOfAnswer, resolveFollowUp, type PreviousTurn } from '../../src/answer/follow-up';
import type { Engine } from '../../src/engine';
import { storyEngine } from '../support/engines';

const whoFiredKrebs: PreviousTurn = { question: 'who fired krebs?', people: ['Donald Trump', 'Christopher Krebs'] };

describe('resolveFollowUp(): a follow-up read against the conversation', () => {
  it('leaves a question alone when there is no earlier turn', () => {
    expect(resolveFollowUp('who is he?', [])).toEqual({ question: 'who is he?', resolved: false });
  });

  it('leaves a question that stands on its own alone', () => {
    expect(resolveFollowUp('how many experts signed the report?', [whoFiredKrebs])).toEqual({
      question: 'how many experts signed the report?',
      resolved: false,
    });
  });

  it('reads "he" and "him" as the person the last answer was about', () => {
    expect(resolveFollowUp('who is he?', [whoFiredKrebs]).question).toBe('who is Donald Trump?');
    expect(resolveFollowUp('what did he say after?', [whoFiredKrebs]).question).toBe('what did Donald Trump say after?');
    expect(resolveFollowUp('did anyone defend him', [whoFiredKrebs]).question).toBe('did anyone defend Donald Trump');
  });

  it('reads "his" before a word as possessive', () => {
    expect(resolveFollowUp("what's his twitter handle", [{ question: 'who is krebs', people: ['Chris Krebs'] }]).question).toBe(
      "what's Chris Krebs's twitter handle",
    );
  });

  it('takes the person from the latest turn that had one', () => {
    const turns = [whoFiredKrebs, { question: 'when?', people: [] }];
    expect(resolveFollowUp('who is he', turns).question).toBe('who is Donald Trump');
  });

  it('gives a question with nothing to search for the last question’s words', () => {
    expect(resolveFollowUp('why?', [whoFiredKrebs])).toEqual({ question: 'why fired krebs', resolved: true });
    expect(resolveFollowUp('when was that?', [whoFiredKrebs]).question).toBe('when was fired krebs');
    expect(resolveFollowUp('why did it happen', [{ question: 'why was Krebs fired?', people: [] }]).question).toBe(
      'why did happen Krebs fired',
    );
  });
});

describe('peopleOfAnswer(): who an answer was about', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await storyEngine();
  });
  afterAll(() => engine.embedder.close());

  it('puts the person a who-question did not name first, one name per person', async () => {
    const answer = await ask(engine, 'who fired krebs?');
    const people = peopleOfAnswer(engine.index, 'who fired krebs?', answer.citations);
    expect(people[0]).toMatch(/Trump/);
    // "Chris Krebs" and "Christopher Krebs" are one person.
    expect(people.filter((p) => p.endsWith('Krebs'))).toHaveLength(1);
  });

  it('puts the person a question names first otherwise', async () => {
    const answer = await ask(engine, 'who is chris krebs');
    expect(peopleOfAnswer(engine.index, 'who is chris krebs', answer.citations)[0]).toMatch(/Krebs$/);
  });

  it('finds no one in an answer that cites no one', () => {
    expect(peopleOfAnswer(engine.index, 'who fired krebs?', [])).toEqual([]);
  });
});
