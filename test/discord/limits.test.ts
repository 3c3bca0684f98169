/**
 * Per-user cooldown and the global cap on concurrent answers, end to end: a user over a limit
 * gets an ephemeral message saying when to try again (a mention gets a ⏳ reaction).
 */
import { describe, expect, it } from 'vitest';
import { isEphemeral, sleep, useBot } from './support';

const RELATIVE = /<t:(\d+):R>/;

describe('cooldown (30 s) and at most one answer at a time', () => {
  const suite = useBot({ env: { ASK_COOLDOWN_SECONDS: '30', MAX_CONCURRENT_ANSWERS: '1', LOG_LEVEL: 'warn' } });

  it('a second question within the cooldown is refused privately, with a relative time to retry', async () => {
    const { emu } = suite;
    const first = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' }, user: emu.users.bob });
    expect((await emu.waitForCallback(first)).type).toBe(5);
    await emu.waitForEdit(first, (e) => Boolean(e.body.content));

    const second = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' }, user: emu.users.bob });
    const callback = await emu.waitForCallback(second);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/You can ask again <t:\d+:R>\./);
    const retryAt = Number(RELATIVE.exec(String(callback.data.content))?.[1]);
    const expected = (first.sentAt + 30_000) / 1000;
    expect(retryAt).toBeGreaterThanOrEqual(Math.floor(expected) - 1);
    expect(retryAt).toBeLessThanOrEqual(Math.ceil(expected) + 2);
    expect(callback.data.allowed_mentions).toMatchObject({ parse: [] });
    expect(emu.edits(second)).toEqual([]);
  });

  it('the cooldown is per user: someone else is answered meanwhile', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' }, user: emu.users.alice });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    expect((await emu.waitForEdit(handle, (e) => Boolean(e.body.content))).body.content).toContain('Ware');
  });

  it('a mention within the cooldown gets a ⏳ reaction, not a public reply (messages cannot be ephemeral)', async () => {
    const { emu } = suite;
    const before = emu.requests.length;
    const sent = emu.sendMessage({ content: 'who fired Krebs?', mentionsBot: true, author: emu.users.bob });
    const reaction = `/channels/${sent.channelId}/messages/${sent.id}/reactions/⏳/@me`;
    await emu.waitFor(() => emu.requests.some((r) => r.method === 'PUT' && r.path === reaction), 'the ⏳ reaction');
    await sleep(300);
    const posted = emu.requests.slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posted).toEqual([]);
  });

  it('over the global limit: the second of two simultaneous questions is refused privately', async () => {
    const { emu } = suite;
    const carol = emu.createUser({ username: 'carol' });
    const dave = emu.createUser({ username: 'dave' });
    const a = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' }, user: carol });
    const b = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' }, user: dave });
    const [ca, cb] = [await emu.waitForCallback(a), await emu.waitForCallback(b)];
    expect(ca.type).toBe(5);
    expect(cb.type).toBe(4);
    expect(isEphemeral(cb.data)).toBe(true);
    expect(cb.data.content).toMatch(/I'm busy answering 1 other question\. Please try again <t:\d+:R>\./);
    await emu.waitForEdit(a, (e) => Boolean(e.body.content));

    // Once it is done, dave may ask: his refused question did not start a cooldown.
    const again = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' }, user: dave });
    expect((await emu.waitForCallback(again)).type).toBe(5);
    await emu.waitForEdit(again, (e) => Boolean(e.body.content));
  });
});
