import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS, parseQuestion, QuestionError } from '../../src/answer/question';

describe('reading a question', () => {
  it('rejects empty, blank and punctuation-only questions', () => {
    for (const raw of ['', '   ', '\n\t', '???', '\u200b\u200b']) expect(() => parseQuestion(raw)).toThrow(QuestionError);
  });

  it('tells the kind of answer wanted', () => {
    expect(parseQuestion('Why was Krebs fired?').type).toBe('why');
    expect(parseQuestion('When did Ware resign?').type).toBe('when');
    expect(parseQuestion('On what day did he post it?').type).toBe('when');
    expect(parseQuestion('Who fired Krebs?').type).toBe('who');
    expect(parseQuestion('How many experts signed?').type).toBe('quantity');
    expect(parseQuestion('What did the report say?').type).toBe('other');
  });

  it('keeps content terms, stemmed, without question words', () => {
    expect(parseQuestion("Why was Krebs's firing announced?").terms).toEqual(['kreb', 'fire', 'announc']);
  });

  it('cuts an overlong question at a word boundary and says so', () => {
    const question = parseQuestion(`${'why was krebs fired '.repeat(300)}`);
    expect(question.text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(question.text.endsWith(' ')).toBe(false);
    expect(question.warning).toMatch(/first \d+/);
  });

  it('accepts any script and strips control characters', () => {
    expect(parseQuestion('¿Por qué despidieron a Krebs?').text).toBe('¿Por qué despidieron a Krebs?');
    expect(parseQuestion('מדוע פוטר קרבס?').terms.length).toBeGreaterThan(0);
    expect(parseQuestion('why\u0000 was\u0007 Krebs fired').text).toBe('why was Krebs fired');
  });
});
