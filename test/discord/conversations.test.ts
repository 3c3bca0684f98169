import { describe, expect, it } from 'vitest';
import { CONVERSATION_IDLE_MS, Conversations, MAX_CONVERSATIONS, MAX_TURNS } from '../../src/discord/conversations';

const turn = (question: string) => ({ question, people: [] });

describe('Conversations: the recent turns a follow-up is read against', () => {
  it('starts a conversation at an answer the bot does not remember, and links its later answers to it', () => {
    const conversations = new Conversations();
    const key = conversations.ofAnswer('m1');
    expect(key).toBe('answer:m1');
    expect(conversations.recall(key)).toEqual([]);
    conversations.remember(key, turn('who fired krebs?'), 'm1');
    conversations.remember(conversations.ofAnswer('m1'), turn('why?'), 'm2');
    // A reply to the second answer is in the same conversation.
    expect(conversations.recall(conversations.ofAnswer('m2')).map((t) => t.question)).toEqual(['who fired krebs?', 'why?']);
  });

  it(`keeps the last ${MAX_TURNS} turns`, () => {
    const conversations = new Conversations();
    for (const q of ['a?', 'b?', 'c?', 'd?']) conversations.remember('thread:t1', turn(q), null);
    expect(conversations.recall('thread:t1').map((t) => t.question)).toEqual(['b?', 'c?', 'd?']);
  });

  it('forgets a conversation idle for more than 30 minutes', () => {
    let now = 0;
    const conversations = new Conversations(() => now);
    conversations.remember('thread:t1', turn('who fired krebs?'), null);
    now += CONVERSATION_IDLE_MS;
    expect(conversations.recall('thread:t1')).toHaveLength(1);
    now += 1;
    expect(conversations.recall('thread:t1')).toEqual([]);
    // A new turn after the pause starts afresh.
    conversations.remember('thread:t1', turn('why?'), null);
    expect(conversations.recall('thread:t1').map((t) => t.question)).toEqual(['why?']);
  });

  it('holds a bounded number of conversations, dropping the least recently used', () => {
    const conversations = new Conversations();
    for (let i = 0; i <= MAX_CONVERSATIONS; i++) conversations.remember(`thread:${i}`, turn('q?'), `m${i}`);
    expect(conversations.size).toBe(MAX_CONVERSATIONS);
    expect(conversations.recall('thread:0')).toEqual([]);
    expect(conversations.recall(`thread:${MAX_CONVERSATIONS}`)).toHaveLength(1);
  });
});
