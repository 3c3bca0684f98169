import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, summary } from '../../src/answer/ask';
import { QuestionError } from '../../src/answer/question';
import type { Answer } from '../../src/answer/types';
import type { Engine } from '../../src/engine';
import { storyEngine } from '../support/engines';

let engine: Engine;
beforeAll(async () => {
  engine = await storyEngine();
});
afterAll(() => engine.embedder.close());

const text = () => engine.index.documents[0]!.text;
const first = (answer: Answer) => answer.citations[0]!;
const bold = (answer: Answer) => (answer.answerSpan ? text().slice(answer.answerSpan.start, answer.answerSpan.end) : null);

describe('ask(): the first quote answers the question as typed', () => {
  it('quotes the sentence that gives the reason', async () => {
    const answer = await ask(engine, 'why did trump fire krebs');
    expect(answer.answered).toBe(true);
    expect(answer.intent).toBe('reason');
    expect(first(answer).quote).toContain('for saying the November 3 presidential election was clean and fair');
  });

  it('answers a count question with the count in bold, verbatim', async () => {
    const answer = await ask(engine, 'how many experts were in that report krebs shared');
    expect(first(answer).quote).toContain('59 election security experts');
    expect(bold(answer)).toBe('59');
    expect(answer.answer).toContain('**59**');
  });

  it('answers "who is X" with the sentence that says who X is, the definition in bold', async () => {
    const answer = await ask(engine, 'whos bryan ware');
    expect(answer.intent).toBe('definition');
    expect(first(answer).quote).toContain('Bryan Ware, the assistant director for cybersecurity at CISA');
    expect(bold(answer)).toBe('the assistant director for cybersecurity at CISA');
  });

  it('answers "who is X" typed in lowercase with the sentence that defines X, not a post that merely names X', async () => {
    const answer = await ask(engine, 'who is chris krebs');
    expect(answer.intent).toBe('definition');
    expect(first(answer).quote).toContain('Krebs, who, until his sacking was the Director of Cybersecurity');
  });

  it('never quotes a post’s bare signature line unless its handle or date is asked', async () => {
    for (const question of [
      'who is chris krebs',
      'what did krebs say after he was fired',
      'what was trump accusing krebs of',
      'who said protect 2020',
    ]) {
      const answer = await ask(engine, question);
      for (const c of answer.citations) expect(c.quote).not.toMatch(/^#Protect2020 — Chris Krebs/);
    }
  });

  it('answers "what did X tweet" with the tweet and the line that introduces it', async () => {
    const answer = await ask(engine, 'what did krebs tweet back after getting let go');
    expect(answer.intent).toBe('quotation');
    expect(first(answer).quote).toMatch(/^In response, Krebs also tweeted:\s+“Honored to serve\./);
  });

  it('gives the handle a question asks for from the post’s signature line', async () => {
    const answer = await ask(engine, 'krebs twitter handle?');
    expect(answer.intent).toBe('handle');
    expect(first(answer).quote).toContain('(@C_C_Krebs)');
    expect(bold(answer)).toBe('@C_C_Krebs');
  });

  it('quotes the sentence that settles a yes/no question and never says yes or no itself', async () => {
    const answer = await ask(engine, 'did krebs say there was fraud in the election');
    expect(answer.intent).toBe('yesno');
    expect(first(answer).quote).toContain('no credible evidence of computer fraud');
    expect(answer.answer).not.toMatch(/^\*\*Answer:\*\* (yes|no)\b/i);
  });

  it('answers "what is this story about" with the story’s lead, as a summary', async () => {
    const answer = await ask(engine, 'whats this story about');
    expect(answer.intent).toBe('overview');
    expect(first(answer).start).toBe(engine.index.sentences[0]!.start);
    expect(answer.answer).toMatch(/^\*\*Summary:\*\* /);
  });

  it('refuses a near-topic question the story does not answer, saying so', async () => {
    const answer = await ask(engine, 'how old is krebs');
    expect(answer.answered).toBe(false);
    expect(answer.answer).toMatch(/^The story doesn’t say\./);
    expect(answer.answerSpan).toBeNull();
  });

  it('treats a question made only of mentions as no question at all', async () => {
    await expect(ask(engine, '@everyone @here <@&123> <@456>')).rejects.toThrow(QuestionError);
  });

  it('never repeats the lead quote in the list, and every quote is the story’s text at its offsets', async () => {
    for (const question of ['why was krebs fired', 'what did trump say about the voting machines', 'who asked ware to step down']) {
      const answer = await ask(engine, question);
      expect(answer.answer).not.toContain('> [1]');
      for (const c of answer.citations) expect(text().slice(c.start, c.end)).toBe(c.quote);
    }
  });
});

describe('summary()', () => {
  it('quotes the lead, then the most central distinct sentences in story order, all cited and verbatim', () => {
    const answer = summary(engine);
    expect(answer.citations.length).toBeGreaterThanOrEqual(2);
    expect(answer.citations.length).toBeLessThanOrEqual(4);
    expect(first(answer).start).toBe(engine.index.sentences[0]!.start);
    const starts = answer.citations.slice(1).map((c) => c.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const c of answer.citations) {
      expect(text().slice(c.start, c.end)).toBe(c.quote);
      expect(c.quote).not.toMatch(/\(@\w+\)/); // no embedded-post signature line
    }
  });

  it('summarises one article when asked', () => {
    const answer = summary(engine, { docId: 'krebs-fired' });
    expect(answer.citations.every((c) => c.docId === 'krebs-fired')).toBe(true);
  });
});
