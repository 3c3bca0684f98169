/**
 * Admission end to end: a per-user token bucket (a conversation flows, a flood does not) and a
 * bounded queue (a burst waits its turn instead of being refused). A refused /ask gets an
 * ephemeral message saying when to try again; a refused mention gets a ⏳ reaction.
 */
import { describe, expect, it } from 'vitest';
import { isEphemeral, sleep, useBot } from './support';

const RELATIVE = /<t:(\d+):R>/;

describe('three questions in a row, then one per 30 s cooldown; one answer computed at a time', () => {
  const suite = useBot({ env: { ASK_COOLDOWN_SECONDS: '30', ASK_BURST: '3', MAX_CONCURRENT_ANSWERS: '1', LOG_LEVEL: 'warn' } });

  it('a follow-up right after an answer is answered; the fourth question in a row is refused privately, with when to retry', async () => {
    const { emu } = suite;
    const questions = ['Why was Krebs fired?', 'who is bryan ware', 'when did krebs tweet the report'];
    const handles = [];
    for (const question of questions) {
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question }, user: emu.users.bob });
      expect((await emu.waitForCallback(handle)).type).toBe(5);
      await emu.waitForEdit(handle, (e) => Boolean(e.body.content) && !String(e.body.content).startsWith('⏳'));
      handles.push(handle);
    }
    const fourth = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' }, user: emu.users.bob });
    const callback = await emu.waitForCallback(fourth);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/You can ask again <t:\d+:R>\./);
    // The first token comes back 30 s after the first question.
    const retryAt = Number(RELATIVE.exec(String(callback.data.content))?.[1]);
    const expected = (handles[0]!.sentAt + 30_000) / 1000;
    expect(retryAt).toBeGreaterThanOrEqual(Math.floor(expected) - 1);
    expect(retryAt).toBeLessThanOrEqual(Math.ceil(expected) + 2);
    expect(emu.edits(fourth)).toEqual([]);
  });

  it('the limit is per user: someone else is answered meanwhile', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' }, user: emu.users.alice });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    expect((await emu.waitForEdit(handle, (e) => Boolean(e.body.content))).body.content).toContain('Ware');
  });

  it('a mention over the limit gets a ⏳ reaction, not a public reply (messages cannot be ephemeral)', async () => {
    const { emu } = suite;
    const before = emu.requests.length;
    const sent = emu.sendMessage({ content: 'who fired Krebs?', mentionsBot: true, author: emu.users.bob });
    const reaction = `/channels/${sent.channelId}/messages/${sent.id}/reactions/⏳/@me`;
    await emu.waitFor(() => emu.requests.some((r) => r.method === 'PUT' && r.path === reaction), 'the ⏳ reaction');
    await sleep(300);
    const posted = emu.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posted).toEqual([]);
  });

  it('simultaneous questions beyond the one answer slot are all deferred at once and all answered, in turn', async () => {
    const { emu } = suite;
    const users = Array.from({ length: 6 }, (_, i) => emu.createUser({ username: `burst${i}` }));
    const handles = users.map((user, i) =>
      emu.sendSlashCommand({ name: 'ask', options: { question: i % 2 ? 'Who is Bryan Ware?' : 'Why was Krebs fired?' }, user }),
    );
    for (const handle of handles) expect((await emu.waitForCallback(handle)).type).toBe(5);
    for (const handle of handles) {
      const edit = await emu.waitForEdit(handle, (e) => String(e.body.content).includes('[1]'));
      expect(edit.body.content).toMatch(/Krebs|Ware/);
    }
  });
});

describe('a full queue', () => {
  const suite = useBot({ env: { ASK_COOLDOWN_SECONDS: '0', MAX_CONCURRENT_ANSWERS: '1', ANSWER_QUEUE_SIZE: '1', LOG_LEVEL: 'warn' } });

  it('refuses privately as busy only past its size; the others are answered', async () => {
    const { emu } = suite;
    const users = Array.from({ length: 3 }, (_, i) => emu.createUser({ username: `full${i}` }));
    // Sent together: the first takes the slot, the second the one place in line, the third is refused.
    const handles = users.map((user) => emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' }, user }));
    const callbacks = [];
    for (const handle of handles) callbacks.push(await emu.waitForCallback(handle));
    expect(callbacks.map((c) => c.type)).toEqual([5, 5, 4]);
    expect(isEphemeral(callbacks[2]!.data)).toBe(true);
    expect(callbacks[2]!.data.content).toMatch(
      /^I'm busy: 2 questions are ahead of yours, more than I queue\. Please try again in a minute\.$/,
    );
    for (const handle of handles.slice(0, 2)) await emu.waitForEdit(handle, (e) => String(e.body.content).includes('[1]'));
  });
});
