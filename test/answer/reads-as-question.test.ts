import { describe, expect, it } from 'vitest';
import { readsAsQuestion } from '../../src/answer/question';

describe('readsAsQuestion(): whether a chat message is a question', () => {
  it.each([
    'why was krebs fired',
    'who is he?',
    'why?',
    'and his handle?',
    'tl;dr',
    'whats this about',
    'did biden say anything',
    'Krebs got fired??',
  ])('reads %j as a question', (message) => expect(readsAsQuestion(message)).toBe(true));

  it.each(['thanks!', 'lol', 'ok cool', 'I think he was right.', '<@123456789012345678>', '🎉', ''])(
    'does not read %j as a question',
    (message) => expect(readsAsQuestion(message)).toBe(false),
  );
});
