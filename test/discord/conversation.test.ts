/**
 * Conversations with the real bot against the emulator: follow-ups that reply to an answer or
 * are asked in the bot's thread, without a new mention; `/ask thread:` and `hide:`; the buttons
 * under each answer (👍 / 👎 stored and shown by `npm run feedback`, "Show context").
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './emulator';
import { npmRun } from '../support/cli';
import { isEphemeral, useBot } from './support';

const buttonsOf = (message: JsonObject | undefined): JsonObject[] =>
  (message?.components ?? []).flatMap((row: JsonObject) => row.components as JsonObject[]);
const button = (message: JsonObject | undefined, name: string): JsonObject | undefined =>
  buttonsOf(message).find((c) => c.label === name || c.emoji?.name === name);

describe('conversations and answer buttons', () => {
  // The real per-user limit (3 in a row, then one per 10 s): each test asks as users with tokens left.
  const suite = useBot({ env: { ASK_COOLDOWN_SECONDS: '10', ASK_BURST: '3' } });

  it('a reply to an answer is a follow-up: "who is he?" is read as the person the answer was about, without a mention', async () => {
    const { emu } = suite;
    const asked = emu.sendMessage({ content: 'who fired krebs?', mentionsBot: true });
    const answer = await emu.waitForReply(asked);
    expect(String(answer.body.content)).toContain('[1]');

    const followUp = emu.sendMessage({ content: 'who is he?', replyTo: answer.id, mentionsBot: false });
    const reply = await emu.waitForReply(followUp);
    const content = String(reply.body.content);
    expect(content).toMatch(/Read as a follow-up: “who is Donald (J\. )?Trump\?”/);
    expect(content).toContain('Trump');
    expect(content).toContain('[1]');
  });

  it('a follow-up from the same user 2 s after an answer is answered, not refused', async () => {
    const { emu } = suite;
    const user = emu.users.alice;
    const first = emu.sendMessage({ content: 'who is bryan ware?', mentionsBot: true, author: user });
    const answer = await emu.waitForReply(first);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const next = emu.sendMessage({ content: 'when did he resign?', replyTo: answer.id, mentionsBot: false, author: user });
    const reply = await emu.waitForReply(next);
    expect(String(reply.body.content)).toContain('Read as a follow-up');
    expect(String(reply.body.content)).toContain('Ware');
  });

  it('a reply to an answer that is not a question ("thanks!") gets no answer', async () => {
    const { emu } = suite;
    const asked = emu.sendMessage({ content: 'who fired krebs', mentionsBot: true, author: emu.users.owner });
    const answer = await emu.waitForReply(asked);
    // Requests after the answer by position, not time: the answer can carry the same millisecond as "thanks!".
    const seen = emu.requests.length;
    emu.sendMessage({ content: 'thanks!', replyTo: answer.id, mentionsBot: false, author: emu.users.owner });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(emu.requests.slice(seen).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'))).toEqual([]);
  });

  it('/ask thread:True answers, starts a thread named after the question, and answers follow-ups in it without /ask', async () => {
    const { emu } = suite;
    const carol = emu.createUser({ username: 'carol' });
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?', thread: true }, user: carol });
    await emu.waitForEdit(handle, (e) => String(e.body.content ?? '').includes('[1]'));
    const created = await emu.waitForRequest((r) => r.method === 'POST' && /\/messages\/\d+\/threads$/.test(r.path));
    expect(created.body?.name).toBe('Why was Krebs fired?');
    const threadId = String((created.response as JsonObject).id);

    const followUp = emu.sendMessage({ content: 'when?', channelId: threadId, mentionsBot: false, author: carol });
    const reply = await emu.waitForChannelMessage(undefined, { channelId: threadId, since: followUp.sentAt });
    expect(String(reply.body.content)).toContain('Read as a follow-up: “when Krebs fired”');
    expect(String(reply.body.content)).toContain('[1]');
  });

  it('/ask hide:True answers privately, with the buttons', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'who is chris krebs', hide: true }, user: emu.users.owner });
    const callback = await emu.waitForCallback(handle);
    expect(callback.type).toBe(5);
    expect(isEphemeral(callback.data)).toBe(true);
    const edit = await emu.waitForEdit(handle, (e) => String(e.body.content ?? '').includes('[1]'));
    expect(button(edit.body, 'Show context')).toBeDefined();
  });

  it('each answer has 👍, 👎 and "Show context"; "Show context" shows the cited paragraphs privately, the quotes in bold', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({
      name: 'ask',
      options: { question: 'how many experts were in the report krebs shared' },
      user: emu.createUser({ username: 'erin' }),
    });
    await emu.waitForEdit(handle, (e) => String(e.body.content ?? '').includes('[1]'));
    const message = emu.originalMessage(handle)!;
    expect(buttonsOf(message).map((b) => b.emoji?.name ?? b.label)).toEqual(['👍', '👎', 'Show context']);

    const press = emu.pressButton({ customId: String(button(message, 'Show context')!.custom_id), messageId: String(message.id) });
    const callback = await emu.waitForCallback(press);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    const context = String(callback.data.content);
    expect(context).toMatch(/^\[1\].*\*Trump fires CISA director Chris Krebs\* \(2020-11-18\), ¶\d+\n> /);
    expect(context).toContain('**On Tuesday, November 17, Krebs had tweeted a report citing 59 election security experts');
    expect(context.length).toBeLessThanOrEqual(2000);
  });

  it('👍 is stored (npm run feedback counts it), pressing it again withdraws it, 👎 after 👍 switches', async () => {
    const { emu, bot } = suite;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'who replaced krebs?' }, user: emu.users.alice });
    await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    const message = emu.originalMessage(handle)!;
    const press = (name: string, user = emu.users.bob) =>
      emu.waitForCallback(emu.pressButton({ customId: String(button(message, name)!.custom_id), messageId: String(message.id), user }));

    const up = await press('👍');
    expect(isEphemeral(up.data)).toBe(true);
    expect(up.data.content).toMatch(/^Thanks for the 👍/);
    const dataDir = bot.config.discord.dataDir;
    const counted = await npmRun('feedback', ['--data-dir', dataDir]);
    expect(counted.stdout.split('\n')[0]).toBe('1 vote on 1 question: 1 up, 0 down.');

    expect((await press('👍')).data.content).toBe('Your 👍 is withdrawn.');
    expect((await npmRun('feedback', ['--data-dir', dataDir])).stdout).toBe('No feedback votes yet.\n');

    await press('👍');
    expect((await press('👎')).data.content).toMatch(/^Changed to 👎/);
    await press('👎', emu.users.owner);
    const after = await npmRun('feedback', ['--data-dir', dataDir]);
    expect(after.stdout.split('\n')[0]).toBe('2 votes on 1 question: 0 up, 2 down.');
    expect(after.stdout).toContain('who replaced krebs?');

    const metrics = await bot.bot.context.metrics.registry.metrics();
    expect(metrics).toContain('storyqa_feedback_votes_total{vote="up"} 2');
    expect(metrics).toContain('storyqa_feedback_votes_total{vote="withdrawn"} 1');
  });

  it('a button of an answer the bot no longer remembers says it has expired', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({
      name: 'ask',
      options: { question: 'who is bryan ware' },
      user: emu.createUser({ username: 'dave' }),
    });
    await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    const message = emu.originalMessage(handle)!;
    const stale = String(button(message, '👍')!.custom_id).replace(/ans:[0-9a-f]+:/, 'ans:000000000000:');
    const callback = await emu.waitForCallback(emu.pressButton({ customId: stale, messageId: String(message.id) }));
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/expired/);
  });
});
