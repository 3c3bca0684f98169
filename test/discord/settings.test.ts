/**
 * `/settings` and what each setting changes, with the real bot against the emulator: switched
 * off, mentions required or not, answers in threads, private `/ask` by default.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './emulator';
import { isEphemeral, sleep, useBot } from './support';

describe('/settings: how the bot answers in a channel', () => {
  const suite = useBot({ env: { ASK_COOLDOWN_SECONDS: '0' } });

  const settings = async (options: Record<string, boolean>, channelId = suite.emu.channelId, user = suite.emu.users.alice) => {
    const callback = await suite.emu.waitForCallback(suite.emu.sendSlashCommand({ name: 'settings', options, user, channelId }));
    expect(isEphemeral(callback.data)).toBe(true);
    return String(callback.data.content);
  };

  /** The bot's messages in the channel since `since` (answers, replies, threads). */
  const botPostsSince = (since: number) =>
    suite.emu.requests.filter((r) => r.receivedAt >= since && r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path));

  it('with no option shows the channel’s settings, all defaults at first', async () => {
    const content = await settings({});
    expect(content).toContain('Settings for this channel:');
    expect(content).toContain('**enabled**: yes');
    expect(content).toContain('**require_mention**: yes');
    expect(content).toContain('**threads**: no');
    expect(content).toContain('**hide**: no');
  });

  it('is for server managers only', async () => {
    expect(await settings({ enabled: false }, suite.emu.channelId, suite.emu.users.bob)).toMatch(
      /Only members with the \*\*Manage Server\*\* permission/,
    );
    expect(suite.bot.bot.context.stories.channels!.get(suite.emu.channelId).enabled).toBe(true);
  });

  it('a channel that requires mentions ignores plain messages, even questions', async () => {
    const plain = suite.emu.sendMessage({ content: 'why was krebs fired?', mentionsBot: false });
    await sleep(1500);
    expect(botPostsSince(plain.sentAt)).toEqual([]);
  });

  it('require_mention:False answers any message that reads as a question, and only those', async () => {
    const { emu } = suite;
    const channelId = emu.otherChannelId;
    expect(await settings({ require_mention: false }, channelId)).toMatch(/^Saved\. .*\n[\s\S]*\*\*require_mention\*\*: no/);
    const question = emu.sendMessage({ content: 'why was krebs fired?', mentionsBot: false, channelId });
    const reply = await emu.waitForReply(question);
    expect(String(reply.body.content)).toContain('[1]');

    const chatter = emu.sendMessage({ content: 'lol nice', mentionsBot: false, channelId });
    await sleep(1500);
    expect(botPostsSince(chatter.sentAt)).toEqual([]);

    // Back to mentions only: plain questions are ignored again.
    await settings({ require_mention: true }, channelId);
    const ignored = emu.sendMessage({ content: 'who is bryan ware?', mentionsBot: false, channelId });
    await sleep(1500);
    expect(botPostsSince(ignored.sentAt)).toEqual([]);
  });

  it('enabled:False: mentions get nothing, /ask says so privately; enabled:True turns it back on', async () => {
    const { emu } = suite;
    await settings({ enabled: false });
    const mention = emu.sendMessage({ content: 'who fired krebs?', mentionsBot: true });
    const ask = await emu.waitForCallback(emu.sendSlashCommand({ name: 'ask', options: { question: 'who fired krebs?' } }));
    expect(isEphemeral(ask.data)).toBe(true);
    expect(ask.data.content).toMatch(/switched off in this channel/);
    await sleep(1000);
    expect(botPostsSince(mention.sentAt)).toEqual([]);

    await settings({ enabled: true });
    expect(String((await emu.waitForReply(emu.sendMessage({ content: 'who fired krebs?', mentionsBot: true }))).body.content)).toContain(
      '[1]',
    );
  });

  it('threads:True answers a mention in a new thread named after the question', async () => {
    const { emu } = suite;
    await settings({ threads: true });
    const mention = emu.sendMessage({ content: 'who is bryan ware?', mentionsBot: true });
    const created = await emu.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/channels/${emu.channelId}/messages/${mention.id}/threads`,
    );
    expect(created.body?.name).toBe('who is bryan ware?');
    const threadId = String((created.response as JsonObject).id);
    const answer = await emu.waitForChannelMessage(undefined, { channelId: threadId, since: mention.sentAt });
    expect(String(answer.body.content)).toContain('Bryan Ware');
    // In its thread, a follow-up needs no mention.
    const followUp = emu.sendMessage({ content: 'when did he resign?', channelId: threadId, mentionsBot: false });
    const reply = await emu.waitForChannelMessage(undefined, { channelId: threadId, since: followUp.sentAt });
    expect(String(reply.body.content)).toContain('Read as a follow-up');

    // Without the permission to start threads, the answer is a plain reply, not an error.
    emu.failNext({
      method: 'POST',
      pathPattern: /\/messages\/\d+\/threads$/,
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const refused = emu.sendMessage({ content: 'who fired krebs?', mentionsBot: true });
    expect(String((await emu.waitForReply(refused)).body.content)).toContain('[1]');
    await settings({ threads: false });
  });

  it('hide:True makes /ask private by default; the asker’s hide:False still answers publicly', async () => {
    const { emu } = suite;
    await settings({ hide: true });
    const hidden = await emu.waitForCallback(emu.sendSlashCommand({ name: 'ask', options: { question: 'who fired krebs?' } }));
    expect(hidden.type).toBe(5);
    expect(isEphemeral(hidden.data)).toBe(true);
    const shown = await emu.waitForCallback(emu.sendSlashCommand({ name: 'ask', options: { question: 'who fired krebs?', hide: false } }));
    expect(isEphemeral(shown.data)).toBe(false);
    await settings({ hide: false });
  });

  it('settings of a thread’s channel apply in the thread, and /settings there changes the channel', async () => {
    const { emu } = suite;
    const content = await settings({}, emu.threadId);
    expect(content).toContain(`Settings for <#${emu.channelId}> (threads follow their channel)`);
  });
});
