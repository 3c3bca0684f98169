/**
 * The bot end to end: the REAL bot (startBot, as `npm start` runs it, with the story index)
 * against the Discord emulator. One bot per describe block.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands';
import type { SlashCommand } from '../../src/discord/types';
import { STORY_CORPUS } from '../support/paths';
import { TOKEN, isEphemeral, mentionLeaks, useBot } from './support';

const STORY = readFileSync(path.join(STORY_CORPUS, 'krebs-fired.txt'), 'utf8');
/** Sentences of the story, verbatim, to find in answers. */
const KEY_SENTENCE =
  'Donald Trump has fired the head of the federal agency charged with protecting the 2020 US Election from cyber-attacks';

const ERROR_ID = /`(E-[0-9A-F]{6})`/;

/** Test-only commands that fail: before acknowledging, and after deferring. */
const failing: SlashCommand[] = [
  {
    help: 'test command.',
    data: new SlashCommandBuilder().setName('explode').setDescription('Throws before acknowledging'),
    async execute() {
      // The message carries the token, as a careless library error might: it must not reach the log.
      throw new Error(`kaboom while using ${TOKEN}`);
    },
  },
  {
    help: 'test command.',
    data: new SlashCommandBuilder().setName('explode-late').setDescription('Defers, then throws'),
    async execute(interaction: ChatInputCommandInteraction) {
      await interaction.deferReply();
      throw new Error('late kaboom');
    },
  },
];

describe('the bot, with the story index', () => {
  const suite = useBot({ env: { LOG_LEVEL: 'trace' }, commands: [...commands, ...failing] });

  it('logs in: the gateway is ready, the guild and its channels are cached', () => {
    const { emu, bot } = suite;
    expect(bot.client.isReady()).toBe(true);
    expect(bot.client.user.id).toBe(emu.botUser.id);
    expect(bot.client.guilds.cache.get(emu.guildId)?.available).toBe(true);
    expect(bot.client.channels.cache.get(emu.threadId)?.isThread()).toBe(true);
    expect(emu.identifyCount).toBe(1);
    // Intents: guilds, guild messages, message content; REST through DISCORD_API_URL.
    expect(bot.client.options.intents.toArray()).toEqual(expect.arrayContaining(['Guilds', 'GuildMessages', 'MessageContent']));
    expect(emu.requests.find((r) => r.path === '/gateway/bot')?.status).toBe(200);
  });

  it('logged one start-up line with documents, chunks, model and seconds, before logging in', () => {
    const { logs } = suite;
    const startup = logs.lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('index ready'));
    expect(startup).toMatchObject({ documents: 1, model: 'bundled:use-lite' });
    expect(startup?.chunks).toBeGreaterThan(0);
    expect(typeof startup?.seconds).toBe('number');
    const loggedIn = logs.lines.findIndex((l) => String(l.msg).startsWith('logged in as'));
    expect(loggedIn).toBeGreaterThan(logs.lines.indexOf(startup!));
  });

  it('/ask: deferred at once (type 5), then the reply is edited into a cited, verbatim answer', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
    const callback = await emu.waitForCallback(handle);
    expect(callback).toMatchObject({ type: 5, status: 204 });
    expect(callback.latencyMs).toBeLessThan(3000);
    expect(isEphemeral(callback.data)).toBe(false);

    const edit = await emu.waitForEdit(handle, (e) => typeof e.body.content === 'string' && e.body.content.length > 0);
    const content = String(edit.body.content);
    expect(content).toContain('[1]');
    expect(content).toContain(KEY_SENTENCE);
    expect(STORY).toContain(KEY_SENTENCE);
    expect(content).toMatch(/Sources: \[1\] ¶\d+(, \[\d\] ¶\d+)*: \*Trump fires CISA director Chris Krebs\* \(2020-11-18\)/);
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(edit.body.allowed_mentions).toMatchObject({ parse: [] });
    expect(emu.originalMessage(handle)?.flags).toBe(0); // the LOADING flag is gone: answered
  });

  it('a mention in a channel gets a reply to that message, with the answer', async () => {
    const { emu } = suite;
    const sent = emu.sendMessage({ content: 'who did Trump fire?', mentionsBot: true });
    const reply = await emu.waitForReply(sent);
    expect(reply.channelId).toBe(emu.channelId);
    expect(reply.body.content).toContain('[1]');
    expect(reply.body.content).toContain('Krebs');
    expect(reply.body.message_reference).toMatchObject({ message_id: sent.id, fail_if_not_exists: false });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a mention in a thread gets its reply in the thread; <@!id> is stripped too', async () => {
    const { emu } = suite;
    const sent = emu.sendMessage({ content: `<@!${emu.botUser.id}> when did Bryan Ware resign?`, channelId: emu.threadId });
    expect(sent.message.mentions).toHaveLength(1);
    const reply = await emu.waitForReply(sent);
    expect(reply.channelId).toBe(emu.threadId);
    expect(reply.body.content).toContain('Ware');
  });

  it('a mention with no question gets a short help line; other bots and unrelated messages are ignored', async () => {
    const { emu } = suite;
    const fromBot = emu.sendMessage({ content: 'why was Krebs fired?', author: emu.otherBot, mentionsBot: true });
    const unrelated = emu.sendMessage({ content: 'why was Krebs fired?' });
    const empty = emu.sendMessage({ content: '   ', mentionsBot: true });
    const reply = await emu.waitForReply(empty);
    expect(reply.body.content).toMatch(/Mention me with a question/);
    expect(reply.body.content).toContain('/ask');
    expect(reply.body.content.length).toBeLessThan(300);
    // Handled in order: the earlier two got nothing.
    for (const ignored of [fromBot, unrelated]) {
      expect(emu.botMessages.some((m) => m.body.message_reference?.message_id === ignored.id)).toBe(false);
    }
    // The bot sees its own replies echoed (as Discord does) and never answers them.
    const ownEchoes = emu.botMessages.filter((m) => m.via === 'channel').length;
    await new Promise((r) => setTimeout(r, 200));
    expect(emu.botMessages.filter((m) => m.via === 'channel').length).toBe(ownEchoes);
  });

  it('/sources lists the documents with date, chunk count and the build time', async () => {
    const { emu, bot } = suite;
    const handle = emu.sendSlashCommand({ name: 'sources' });
    const callback = await emu.waitForCallback(handle);
    expect(callback.type).toBe(4);
    const content = String(callback.data.content);
    const chunks = bot.engineHolder.current.index.chunks.length;
    expect(content).toContain(`1. Trump fires CISA director Chris Krebs — 2020-11-18 — ${chunks} chunk`);
    const builtAt = Math.floor(Date.parse(bot.engineHolder.current.index.manifest.builtAt) / 1000);
    expect(content).toContain(`<t:${builtAt}:f>`);
    expect(callback.data.components ?? []).toEqual([]);
  });

  it('/help lists every routed command with its usage, privately', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'help' });
    const callback = await emu.waitForCallback(handle);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    const content = String(callback.data.content);
    for (const command of [...commands, ...failing]) expect(content).toContain(`\`/${command.data.name}`);
    expect(content).toContain('`/ask question: [story] [hide] [thread]`');
    expect(content).toContain('`/settings [enabled] [require_mention] [threads] [hide]`');
    expect(content).toContain('`/story set [story]`');
    expect(content).toContain('`/timeline [topic] [from] [to] [story]`');
  });

  it('/timeline (one page) answers with the story’s events and no buttons', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'timeline', options: { topic: 'Bryan Ware' } });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const edit = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    expect(edit.body.content).toMatch(/\*\*2020-11-12\*\* — .*Bryan Ware/);
    expect(edit.body.components).toEqual([]);
  });

  it('/timeline with an unreadable date: a private explanation, the public placeholder removed', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'timeline', options: { from: 'the day after' } });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const followUp = await emu.waitForFollowUp(handle);
    expect(isEphemeral(followUp.body)).toBe(true);
    expect(followUp.body.content).toMatch(/Cannot read `from` "the day after" as a date/);
    await emu.waitFor(() => emu.originalMessage(handle) === undefined, 'the deferred reply to be deleted');
  });

  describe('hostile questions', () => {
    const cases: [string, string][] = [
      ['empty', ''],
      ['blank', '   \u200b  '],
      ['6,000 characters', `Why was Krebs fired? ${'very '.repeat(1200)}`.slice(0, 6000)],
      ['@everyone', '@everyone @here why was Krebs fired?'],
      ['a user mention', '<@123456789012345678> who fired Krebs?'],
      ['a role mention', '<@&234567890123456789> who fired Krebs?'],
      ['zalgo', 'W̷̢̛h̸̡͝y̶̨̛ ̴̢͘w̷̡̛a̸̢͝s̵̨̛ ̴̡̛K̷̢͝r̶̨̛e̵̢͘b̷̡̛s̸̢͝ ̶̨̛f̴̢̛i̷̡͝r̸̨̛e̵̢͘d̶̨̛?'],
      ['code fences', '```js\nalert("pwned")\n``` why was **Krebs** `fired`? ||spoiler|| > quote'],
      ['RTL text', 'لماذا تم طرد كريبس؟ \u202Ewhy was Krebs fired\u202C ‏שאלה'],
      ['only mentions', '<@123456789012345678> <@&234567890123456789> @everyone'],
    ];

    it.each(cases)('/ask with %s: a valid reply within 2,000 characters that pings no one', async (_name, question) => {
      const { emu } = suite;
      const since = Date.now();
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question } });
      const callback = await emu.waitForCallback(handle);
      expect(callback.status).toBeLessThan(300);
      let content: string;
      if (callback.type === 4) {
        // Refused before any work: privately.
        expect(isEphemeral(callback.data)).toBe(true);
        content = String(callback.data.content);
      } else {
        expect(callback.type).toBe(5);
        content = String((await emu.waitForEdit(handle, (e) => Boolean(e.body.content))).body.content);
      }
      expect(content.length).toBeGreaterThan(0);
      expect(content.length).toBeLessThanOrEqual(2000);
      expect(content).not.toMatch(/error `E-/);
      expect(mentionLeaks(emu, since)).toEqual([]);
    });

    it('the cut question says so, briefly', async () => {
      const { emu } = suite;
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: `Why was Krebs fired? ${'very '.repeat(1200)}` } });
      const edit = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
      const followUps = emu.followUps(handle).map((f) => String(f.body.content));
      expect([String(edit.body.content), ...followUps].join('\n')).toMatch(
        /-# The question was \d+ characters long; only its first \d+ were used\./,
      );
    });

    it.each([
      ['only mentions', '@everyone @here <@&123456789012345678> <@456789012345678901>'],
      ['only emoji', '🤔🤔 ❓'],
    ])('a mention with %s gets the help line, not an answer', async (_name, question) => {
      const { emu } = suite;
      const reply = await emu.waitForReply(emu.sendMessage({ content: question, mentionsBot: true }));
      expect(reply.body.content).toMatch(/^Mention me with a question/);
    });

    it('an empty slash question is explained privately', async () => {
      const { emu } = suite;
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: ' ' } });
      const callback = await emu.waitForCallback(handle);
      expect(callback.type).toBe(4);
      expect(isEphemeral(callback.data)).toBe(true);
      expect(callback.data.content).toMatch(/The question is empty/);
    });

    it.each(cases)('a mention with %s: a valid reply that pings no one', async (_name, question) => {
      const { emu } = suite;
      const since = Date.now();
      const sent = emu.sendMessage({ content: question, mentionsBot: true });
      const reply = await emu.waitForReply(sent);
      expect(String(reply.body.content).length).toBeGreaterThan(0);
      expect(String(reply.body.content).length).toBeLessThanOrEqual(2000);
      expect(mentionLeaks(emu, since)).toEqual([]);
    });

    it('every message and edit the bot sent in this suite carried allowed_mentions.parse = []', () => {
      expect(mentionLeaks(suite.emu)).toEqual([]);
    });
  });

  describe('failures', () => {
    it('a handler that throws: an ephemeral apology with an error id; the log has the id and the stack', async () => {
      const { emu, logs } = suite;
      const handle = emu.sendSlashCommand({ name: 'explode' });
      const callback = await emu.waitForCallback(handle);
      expect(callback.type).toBe(4);
      expect(isEphemeral(callback.data)).toBe(true);
      const errorId = ERROR_ID.exec(String(callback.data.content))?.[1];
      expect(errorId).toBeDefined();
      const logged = logs.lines.find((l) => l.errorId === errorId);
      expect(logged).toMatchObject({ level: 50, interaction: { command: 'explode' } });
      expect(logged?.error.stack).toMatch(/kaboom while using \[redacted\][\s\S]*\n\s+at /);
    });

    it('a handler that throws after deferring: the placeholder is removed, the apology is private', async () => {
      const { emu, logs } = suite;
      const handle = emu.sendSlashCommand({ name: 'explode-late' });
      expect((await emu.waitForCallback(handle)).type).toBe(5);
      const followUp = await emu.waitForFollowUp(handle);
      expect(isEphemeral(followUp.body)).toBe(true);
      const errorId = ERROR_ID.exec(String(followUp.body.content))?.[1];
      expect(logs.lines.some((l) => l.errorId === errorId && /late kaboom/.test(l.error?.message))).toBe(true);
      await emu.waitFor(() => emu.originalMessage(handle) === undefined, 'the placeholder to be deleted');
    });

    it('an answer edit that Discord applied but answered with an error: the answer stays, the apology is private', async () => {
      const { emu } = suite;
      const fault = emu.failNext({
        method: 'PATCH',
        pathPattern: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
        status: 400,
        afterApplying: true,
      });
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
      const followUp = await emu.waitForFollowUp(handle);
      expect(isEphemeral(followUp.body)).toBe(true);
      expect(followUp.body.content).toMatch(ERROR_ID);
      expect(fault.hits).toBe(1);
      // The answer the user sees was not deleted.
      expect(emu.requests.some((r) => r.method === 'DELETE' && r.path.includes(handle.token))).toBe(false);
      expect(String(emu.originalMessage(handle)?.content)).toContain(KEY_SENTENCE);
    });

    it('the process is alive and answers the next question', async () => {
      const { emu } = suite;
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Bryan Ware?' } });
      const edit = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
      expect(edit.body.content).toContain('Ware');
    });

    it('a REST 429 with Retry-After on the edit: discord.js waits, the answer still arrives', async () => {
      const { emu } = suite;
      const fault = emu.rateLimitNext({ method: 'PATCH', pathPattern: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, retryAfter: 1 });
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
      const edit = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
      expect(edit.body.content).toContain(KEY_SENTENCE);
      expect(fault.hits).toBe(1);
      const patches = emu.requests.filter((r) => r.method === 'PATCH' && r.path.includes(handle.token));
      expect(patches.map((r) => r.status)).toEqual([429, 200]);
      expect(patches[1]!.receivedAt - patches[0]!.receivedAt).toBeGreaterThanOrEqual(950);
    });

    it('a REST 429 on a mention reply: the reply still arrives', async () => {
      const { emu } = suite;
      const fault = emu.rateLimitNext({ method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/, retryAfter: 1 });
      const sent = emu.sendMessage({ content: 'why was Krebs fired?', mentionsBot: true });
      const reply = await emu.waitForReply(sent);
      expect(reply.body.content).toContain('[1]');
      expect(fault.hits).toBe(1);
    });

    it('REST 500s on the edit (beyond discord.js retries): logged with an error id, apology sent, no crash', async () => {
      const { emu, logs } = suite;
      // discord.js retries a 500 three times: four failures make the edit fail for good.
      const fault = emu.failNext({ method: 'PATCH', pathPattern: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, status: 500, times: 4 });
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
      expect((await emu.waitForCallback(handle)).type).toBe(5);
      const followUp = await emu.waitForFollowUp(handle);
      expect(fault.hits).toBe(4);
      expect(isEphemeral(followUp.body)).toBe(true);
      const errorId = ERROR_ID.exec(String(followUp.body.content))?.[1];
      const logged = logs.lines.find((l) => l.errorId === errorId);
      expect(logged?.error).toMatchObject({ status: 500, method: 'PATCH' });
      // Interaction tokens are credentials too: scrubbed from the logged URL.
      expect(logged?.error.url).toMatch(/\/webhooks\/\d+\/\[token\]\/messages/);
      expect(logs.text).not.toContain(handle.token);

      const next = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Chris Krebs?' } });
      expect((await emu.waitForEdit(next, (e) => Boolean(e.body.content))).body.content).toContain('[1]');
    });

    it('a gateway drop (close 4000): the bot resumes, and the next interaction is answered', async () => {
      const { emu, logs } = suite;
      const resumesBefore = emu.resumeCount;
      await emu.dropGateway(4000);
      await emu.waitForResume(resumesBefore + 1);
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
      expect((await emu.waitForCallback(handle)).type).toBe(5);
      expect((await emu.waitForEdit(handle, (e) => Boolean(e.body.content))).body.content).toContain(KEY_SENTENCE);
      expect(emu.identifyCount).toBe(1); // resumed, not re-identified
      await emu.waitFor(() => logs.lines.some((l) => l.msg === 'gateway session resumed'), 'the resume to be logged');
    });

    it('an interaction arriving during the drop is replayed on resume and answered', async () => {
      const { emu } = suite;
      const resumesBefore = emu.resumeCount;
      await emu.dropGateway(4000);
      const handle = emu.sendSlashCommand({ name: 'help' });
      await emu.waitForResume(resumesBefore + 1);
      expect((await emu.waitForCallback(handle)).status).toBe(204);
    });
  });

  it('the token never appears in the log (trace level, with discord.js debug output)', () => {
    const { logs } = suite;
    expect(logs.lines.length).toBeGreaterThan(20);
    expect(logs.lines.some((l) => String(l.msg).startsWith('discord.js: '))).toBe(true);
    expect(logs.text).not.toContain(TOKEN);
    // discord.js "censors" the token by printing its first two parts: the long one is redacted too.
    expect(logs.text).not.toContain(TOKEN.split('.')[0]);
    expect(logs.text).toContain('[redacted]');
  });
});
