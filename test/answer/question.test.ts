import { describe, expect, it } from 'vitest';
import { analyzeQuestion, MAX_QUESTION_CHARS, QuestionError, readIntent } from '../../src/answer/question';
import { NOT_ENGLISH_WARNING } from '../../src/answer/question/language';
import { normalizeQuestionText } from '../../src/answer/question/normalize';
import { FILLER_WORDS, SHORTHAND } from '../../src/answer/question/vocabulary';

const intent = (text: string) => readIntent(text).intent;
const terms = (text: string) => analyzeQuestion(text).terms.map((t) => t.term);
const expansions = (text: string) => analyzeQuestion(text).expansions.map((e) => e.term);

describe('reading what a user typed', () => {
  it('rejects empty, blank and punctuation-only questions', () => {
    for (const raw of ['', '   ', '\n\t', '???', '\u200b\u200b']) {
      expect(() => analyzeQuestion(raw)).toThrow(QuestionError);
    }
    expect(() => analyzeQuestion('???')).toThrow(expect.objectContaining({ problem: 'empty' }));
  });

  it('removes Discord mention, channel, emoji and timestamp tokens before reading the question', () => {
    expect(normalizeQuestionText('<@123456789012345678> why was <@!42> krebs fired <#99> <:pepe:1234> <t:1700000000:R>')).toBe(
      'why was krebs fired',
    );
    expect(normalizeQuestionText('@everyone @here who is ware')).toBe('who is ware');
  });

  it('gives a question made only of mentions or emoji no words to search, so it gets the help line', () => {
    expect(() => analyzeQuestion('@everyone @here <@&123> <@456>')).toThrow(expect.objectContaining({ problem: 'empty' }));
    expect(() => analyzeQuestion('👀 🔥🔥')).toThrow(QuestionError);
    expect(() => analyzeQuestion('lol what')).toThrow(expect.objectContaining({ problem: 'no-content' }));
  });

  it('strips stacked combining marks (zalgo) but keeps accented letters', () => {
    expect(normalizeQuestionText('w\u0336\u0335h\u0489y\u0334 was krebs fired')).toBe('why was krebs fired');
    expect(normalizeQuestionText('café in Zürich')).toBe('café in Zürich');
  });

  it('reads curly and straight quotes alike, and drops markdown markers', () => {
    expect(normalizeQuestionText('what’s **Krebs’s** job? ||spoiler||')).toBe("what's Krebs's job? spoiler");
  });

  it('accepts any script and strips control characters', () => {
    expect(analyzeQuestion('¿Por qué despidieron a Krebs?').original).toBe('¿Por qué despidieron a Krebs?');
    expect(analyzeQuestion('מדוע פוטר קרבס?').terms.length).toBeGreaterThan(0);
    expect(analyzeQuestion('why\u0000 was\u0007 Krebs fired').original).toBe('why was Krebs fired');
  });

  it('says it reads English only when the question is plainly in another language', () => {
    for (const other of [
      '¿Por qué despidieron a Krebs?',
      'Warum wurde Krebs entlassen und von wem?',
      'Почему уволили Кребса?',
      'מדוע פוטר קרבס?',
    ])
      expect(analyzeQuestion(other).warnings, other).toEqual([NOT_ENGLISH_WARNING]);
    for (const english of ['why was krebs fired', 'who is chris krebs lol', 'krebs?', 'tl;dr pls'])
      expect(analyzeQuestion(english).warnings, english).toEqual([]);
  });

  it('cuts an overlong question at a word boundary and says so', () => {
    const question = analyzeQuestion(`${'why was krebs fired '.repeat(300)}`);
    expect(question.text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(question.text.endsWith(' ')).toBe(false);
    expect(question.warnings).toEqual([expect.stringMatching(/first \d+/)]);
  });
});

describe('the intent and the expected answer', () => {
  it.each([
    ['whats this story about', 'overview'],
    ['what is this story about', 'overview'],
    ['what are these articles about?', 'overview'],
    ['tl;dr?', 'overview'],
    ['what happened w krebs, i missed it', 'overview'],
    ['who is chris krebs anyway', 'definition'],
    ['whos bryan ware', 'definition'],
    ['what does CISA stand for', 'definition'],
    ['whats IPTV stand for', 'definition'],
    ["who's the ex shell finance chief getting the payoff", 'person'],
    ['who axed him', 'person'],
    ['which news outlet did the official talk to', 'organisation'],
    ['which country messed w the 2016 election', 'place'],
    ['when did krebs get the boot', 'date'],
    ['what yr did brando win the oscar', 'date'],
    ['how long did the poll go on for', 'duration'],
    ['how much did shell get fined', 'money'],
    ['what does a butane canister cost now', 'money'],
    ['how many experts were in that report', 'count'],
    ['by what % were the reserves smaller', 'percentage'],
    ['why did trump fire krebs', 'reason'],
    ['how did trump announce it', 'manner'],
    ['what exactly did trump tweet when he fired him', 'quotation'],
    ['what was trumps tweet about the statement', 'quotation'],
    ['krebs twitter handle?', 'handle'],
    ['what hashtag did krebs use', 'handle'],
    ['did ware give a reason for quitting?', 'yesno'],
    ['the voting machines thing', 'other'],
  ])('reads %j as %s', (text, expected) => {
    expect(intent(text)).toBe(expected);
  });

  it('expects the kind of value that answers it', () => {
    expect(readIntent('how many experts were there').answerTypes).toEqual(['count']);
    expect(readIntent('how old is krebs').answerTypes).toEqual(['age']);
    expect(readIntent('when did ware quit').answerTypes).toEqual(['date']);
    expect(readIntent('what hashtag did krebs use').answerTypes).toEqual(['handle', 'hashtag', 'link']);
    expect(readIntent('why was krebs fired').answerTypes).toEqual([]);
  });
});

describe('the words of a question', () => {
  it('keeps content words, stemmed as the index stems them, without question words or chat filler', () => {
    expect(terms("Why was Krebs's firing announced?")).toEqual(['kreb', 'fire', 'announc']);
    expect(terms('lol ok so who is bryan ware anyway')).toEqual(['bryan', 'ware']);
  });

  it('spells out chat shorthand before anything else reads it', () => {
    expect(analyzeQuestion('how many ppl abt the govt thing').text).toBe('how many people about the government thing');
    expect(terms('whats the election slogan')).toEqual(['elect', 'slogan']);
  });

  it('marks names: capitalised as typed, or tagged as a person, place or organisation', () => {
    const question = analyzeQuestion('what did Trump say about Bryan Ware');
    expect(question.terms.filter((t) => t.name).map((t) => t.term)).toEqual(['trump', 'bryan', 'ware']);
  });

  it('reads casual words for losing a job as firing: WordNet for "canned" and "sacked", news idioms for the rest', () => {
    for (const text of [
      'why did krebs get canned',
      'why was krebs sacked',
      'why did krebs get the boot',
      'why was krebs let go',
      'why was krebs axed',
    ]) {
      expect(expansions(text), text).toContain('fire');
    }
    expect(expansions('when did ware quit')).toContain('resign');
    expect(expansions('when did ware step down')).toContain('resign');
  });

  it('reads the other listed news idioms as what they mean', () => {
    expect(expansions('why did the film profits tank')).toContain('fall');
    expect(expansions('how many shares is the firm flogging')).toContain('sell');
    expect(expansions('golden globes, who cleaned up')).toContain('win');
    expect(expansions('why did he walk out')).toContain('resign');
    expect(expansions('was he shown the door')).toContain('dismiss');
  });

  it('finds derived forms and broader words through WordNet', () => {
    expect(expansions('how many cars will bmw lose')).toEqual(expect.arrayContaining(['loss', 'vehicl']));
  });

  it('keeps the chat vocabulary free of repeats', () => {
    expect(new Set(FILLER_WORDS).size).toBe(FILLER_WORDS.length);
    expect([...FILLER_WORDS].sort()).toEqual(FILLER_WORDS);
    expect(Object.keys(SHORTHAND)).toEqual([...Object.keys(SHORTHAND)].sort());
  });
});
