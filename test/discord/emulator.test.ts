/**
 * Proves the Discord emulator (test/discord/emulator) against the REAL discord.js client:
 * no bot code, a bare Client per describe, teardown = `client.destroy()` then `emu.close()`.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type ButtonInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator, type DiscordEmulatorOptions } from './emulator';

const DEFAULT_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

/** A logged-in client whose guild is cached (clientReady fired). */
async function readyClient(emu: DiscordEmulator, intents: GatewayIntentBits[] = DEFAULT_INTENTS): Promise<Client<true>> {
  const client = new Client({ intents, rest: { api: emu.apiUrl } });
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(10_000) });
  await client.login(emu.token);
  await ready;
  return client as Client<true>;
}

/** One emulator and one client per describe, torn down in the safe order. */
function useEmulatorAndClient(options: DiscordEmulatorOptions = {}, intents?: GatewayIntentBits[]) {
  const ctx = {} as { emu: DiscordEmulator; client: Client<true> };
  beforeAll(async () => {
    ctx.emu = await startDiscordEmulator(options);
    ctx.client = await readyClient(ctx.emu, intents);
  });
  afterAll(async () => {
    await ctx.client?.destroy();
    await ctx.emu?.close();
  });
  return ctx;
}

describe('login and guild state', () => {
  const ctx = useEmulatorAndClient();

  it('logs in over REST + gateway and caches the guild, channels, thread, roles and members', async () => {
    const { emu, client } = ctx;
    expect(client.isReady()).toBe(true);
    expect(client.user.id).toBe(emu.botUser.id);
    expect(client.application.id).toBe(emu.applicationId);

    const guild = client.guilds.cache.get(emu.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.roles.everyone.id).toBe(emu.guildId);
    expect(guild?.members.cache.get(emu.users.alice.id)?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(guild?.members.cache.get(emu.users.bob.id)?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(client.channels.cache.get(emu.channelId)?.isTextBased()).toBe(true);
    expect(client.channels.cache.get(emu.threadId)?.isThread()).toBe(true);

    expect(emu.identifyCount).toBe(1);
    const gatewayBot = emu.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot).toMatchObject({ method: 'GET', status: 200, authorized: true });
    expect(gatewayBot?.headers.authorization).toBeUndefined();
    expect(emu.gatewayConnectQueries[0]).toMatchObject({ v: '10', encoding: 'json' });
    expect(emu.gatewayConnectQueries[0]?.compress).toBeUndefined();
  });

  it('rejects login with a wrong token (401 on /gateway/bot)', async () => {
    const { emu } = ctx;
    const bad = new Client({ intents: DEFAULT_INTENTS, rest: { api: emu.apiUrl } });
    await expect(bad.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await bad.destroy();
    expect(emu.requests.at(-1)).toMatchObject({ path: '/gateway/bot', status: 401 });
    expect(emu.identifyCount).toBe(1);
  });

  it('answers unknown routes with a recorded 404', async () => {
    const { emu, client } = ctx;
    await expect(client.rest.get('/no/such/route')).rejects.toMatchObject({ status: 404 });
    expect(emu.requests.at(-1)).toMatchObject({ method: 'GET', path: '/no/such/route', status: 404, route: null });
  });

  it('fails a wait with a clear error listing recent requests', async () => {
    const { emu } = ctx;
    const error = await emu.waitForChannelMessage(undefined, { timeoutMs: 50 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Timed out after 50 ms waiting for a channel message/);
    expect((error as Error).message).toMatch(/GET \/gateway\/bot → 200/);
    expect((error as Error).message).toMatch(/Gateway: sessions \[/);
  });
});

describe('slash commands', () => {
  const ctx = useEmulatorAndClient();
  const seen: ChatInputCommandInteraction[] = [];

  beforeAll(() => {
    ctx.client.on(Events.InteractionCreate, async (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      seen.push(i);
      if (i.commandName === 'ask') {
        await i.deferReply();
        await i.editReply(`Answer to: ${i.options.getString('question', true)}`);
      } else if (i.commandName === 'multi') {
        await i.reply({ content: 'first' });
        await i.followUp({ content: 'second', files: [{ attachment: Buffer.from('hello'), name: 'a.txt' }] });
      }
    });
  });

  it('registers guild and global commands with ids (PUT) and lists them (GET)', async () => {
    const { emu, client } = ctx;
    const ask = {
      name: 'ask',
      description: 'Ask a question',
      options: [{ type: 3, name: 'question', description: 'The question', required: true }],
    };
    const registered = await client.application.commands.set([ask], emu.guildId);
    expect(registered.first()?.name).toBe('ask');
    await client.application.commands.set([{ name: 'multi', description: 'Reply and follow up' }]);
    expect(emu.commands.guild.map((c) => c.name)).toEqual(['ask']);
    expect(emu.commands.global.map((c) => c.name)).toEqual(['multi']);
    expect(emu.commands.guild[0]?.id).toBe(registered.first()?.id);

    const fetched = await client.application.commands.fetch({ guildId: emu.guildId });
    expect([...fetched.values()].map((c) => c.name)).toEqual(['ask']);
    // Re-registering keeps the id, as Discord does.
    const again = await client.application.commands.set([ask], emu.guildId);
    expect(again.first()?.id).toBe(registered.first()?.id);
  });

  it('delivers the interaction; deferReply + editReply reach the emulator', async () => {
    const { emu, client } = ctx;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who is Ada?' }, user: emu.users.alice });

    const callback = await emu.waitForCallback(handle);
    expect(callback).toMatchObject({ type: 5, status: 204 });
    expect(callback.latencyMs).toBeLessThan(3000);

    const edit = await emu.waitForEdit(handle, (e) => e.body.content?.startsWith('Answer'));
    expect(edit.body.content).toBe('Answer to: Who is Ada?');
    expect(edit.message).toMatchObject({ content: 'Answer to: Who is Ada?', channel_id: emu.channelId, flags: 0 });
    expect(edit.message.author.id).toBe(client.user.id);
    expect(emu.originalMessage(handle)?.content).toBe('Answer to: Who is Ada?');

    const patch = emu.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
    expect(patch?.rawUrl).toContain('%40original');
    expect(patch?.path).toBe(`/webhooks/${emu.applicationId}/${handle.token}/messages/@original`);

    const interaction = seen.find((i) => i.id === handle.id);
    expect(interaction?.commandId).toBe(emu.commands.guild[0]?.id);
    expect(interaction?.user.id).toBe(emu.users.alice.id);
    expect(interaction?.guildId).toBe(emu.guildId);
    expect(interaction?.channelId).toBe(emu.channelId);
    expect(interaction?.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
  });

  it('gives a plain member no Manage Server', async () => {
    const { emu } = ctx;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Hi?' }, user: emu.users.bob });
    await emu.waitForEdit(handle);
    const interaction = seen.find((i) => i.id === handle.id);
    expect(interaction?.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
  });

  it('records a reply (type 4) and a multipart follow-up with a file', async () => {
    const { emu } = ctx;
    const handle = emu.sendSlashCommand({ name: 'multi', channelId: emu.threadId });
    const callback = await emu.waitForCallback(handle);
    expect(callback.type).toBe(4);
    expect(callback.data.content).toBe('first');

    const followUp = await emu.waitForFollowUp(handle);
    expect(followUp.body.content).toBe('second');
    expect(followUp.files).toHaveLength(1);
    expect(followUp.files[0]?.name).toBe('a.txt');
    expect(followUp.files[0]?.data.toString()).toBe('hello');
    expect(followUp.message.attachments[0]).toMatchObject({ filename: 'a.txt', size: 5 });
    expect(followUp.channelId).toBe(emu.threadId);
    expect(emu.followUps(handle)).toHaveLength(1);
  });

  it('rejects options the registered command does not have', () => {
    const { emu } = ctx;
    expect(() => emu.sendSlashCommand({ name: 'ask', options: { nope: 'x' } })).toThrow(/has no option "nope"/);
    expect(() => emu.sendSlashCommand({ name: 'ask' })).toThrow(/missing required option\(s\) question/);
  });
});

describe('buttons', () => {
  const ctx = useEmulatorAndClient();
  const pressed: ButtonInteraction[] = [];

  beforeAll(() => {
    ctx.client.on(Events.InteractionCreate, async (i: Interaction) => {
      if (i.isChatInputCommand() && i.commandName === 'menu') {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('yes').setLabel('Yes').setStyle(ButtonStyle.Primary),
        );
        await i.reply({ content: 'Pick one', components: [row] });
      } else if (i.isButton()) {
        pressed.push(i);
        if (i.customId === 'yes') await i.update({ content: 'You said yes', components: [] });
        if (i.customId === 'refresh') {
          await i.deferUpdate();
          await i.editReply({ content: 'Refreshed' });
        }
      }
    });
  });

  it('a button press on the bot message reaches the client as a ButtonInteraction; update() works', async () => {
    const { emu } = ctx;
    const menu = emu.sendSlashCommand({ name: 'menu' });
    expect((await emu.waitForCallback(menu)).type).toBe(4);
    const menuMessage = emu.originalMessage(menu);
    expect(menuMessage?.components[0].components[0].custom_id).toBe('yes');

    const press = emu.pressButton({ customId: 'yes', user: emu.users.bob });
    const callback = await emu.waitForCallback(press);
    expect(callback).toMatchObject({ type: 7, status: 204 });
    expect(callback.data.content).toBe('You said yes');

    const interaction = pressed.find((i) => i.id === press.id);
    expect(interaction?.isButton()).toBe(true);
    expect(interaction?.message.id).toBe(menuMessage?.id);
    expect(interaction?.user.id).toBe(emu.users.bob.id);
    expect(emu.message(String(menuMessage?.id))).toMatchObject({ content: 'You said yes', components: [] });
  });

  it('deferUpdate + editReply edit the component message (synthesized when the bot never sent it)', async () => {
    const { emu } = ctx;
    const press = emu.pressButton({ customId: 'refresh' });
    expect((await emu.waitForCallback(press)).type).toBe(6);
    const edit = await emu.waitForEdit(press, (e) => e.body.content === 'Refreshed');
    expect(edit.messageId).toBe(String(press.payload.message.id));
  });
});

describe('messages', () => {
  const ctx = useEmulatorAndClient();
  let botEchoes = 0;

  beforeAll(() => {
    ctx.client.on(Events.MessageCreate, async (message: Message) => {
      if (message.author.bot) {
        if (message.author.id === ctx.client.user.id) botEchoes++;
        return;
      }
      if (!message.mentions.has(ctx.client.user)) return;
      await message.reply(`pong: ${message.content.replace(/<@!?\d+>/g, '').trim()}`);
    });
  });

  it('a message mentioning the bot reaches messageCreate; message.reply() arrives as POST /channels/…/messages', async () => {
    const { emu, client } = ctx;
    const ignored = emu.sendMessage({ content: 'no mention here' });
    const fromBot = emu.sendMessage({ content: 'ping', author: emu.otherBot, mentionsBot: true });
    const sent = emu.sendMessage({ content: 'ping', mentionsBot: true });
    expect(sent.message.content).toBe(`<@${emu.botUser.id}> ping`);
    expect(sent.message.mentions.map((u: { id: string }) => u.id)).toEqual([emu.botUser.id]);

    const reply = await emu.waitForReply(sent);
    expect(reply.body.content).toBe('pong: ping');
    expect(reply.channelId).toBe(emu.channelId);
    expect(reply.message.author.id).toBe(client.user.id);
    const post = emu.requests.find((r) => r.method === 'POST' && r.path === `/channels/${emu.channelId}/messages`);
    expect(post?.status).toBe(200);

    // Events are handled in order: the earlier messages got no reply.
    for (const h of [ignored, fromBot]) {
      expect(emu.botMessages.some((m) => m.body.message_reference?.message_id === h.id)).toBe(false);
    }
    // Discord echoes the bot's own message back over the gateway.
    await emu.waitFor(() => botEchoes >= 1, 'the echo of the bot reply');
  });

  it('works in the thread too', async () => {
    const { emu } = ctx;
    const sent = emu.sendMessage({ content: 'in thread', mentionsBot: true, channelId: emu.threadId });
    const reply = await emu.waitForReply(sent);
    expect(reply.channelId).toBe(emu.threadId);
    expect(reply.body.content).toBe('pong: in thread');
  });

  it('a REST 429 with Retry-After is retried and the message still arrives', async () => {
    const { emu, client } = ctx;
    const rateLimited = once(client.rest, 'rateLimited', { signal: AbortSignal.timeout(10_000) });
    const fault = emu.rateLimitNext({ method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/, retryAfter: 1 });
    const sent = emu.sendMessage({ content: 'slow', mentionsBot: true });
    const reply = await emu.waitForReply(sent);
    expect(reply.body.content).toBe('pong: slow');
    expect(fault.hits).toBe(1);
    await rateLimited;

    const posts = emu.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${emu.channelId}/messages` && r.receivedAt >= sent.sentAt,
    );
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.faulted).toBe(true);
    expect((posts[1]?.receivedAt ?? 0) - (posts[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('a global 429 (X-RateLimit-Global) holds all requests, then the message arrives', async () => {
    const { emu } = ctx;
    emu.rateLimitNext({ method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/, retryAfter: 0.5, global: true });
    const sent = emu.sendMessage({ content: 'global', mentionsBot: true });
    await emu.waitForReply(sent);
    const posts = emu.requests.filter((r) => r.path === `/channels/${emu.channelId}/messages` && r.receivedAt >= sent.sentAt);
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.response).toMatchObject({ global: true, retry_after: 0.5 });
    expect((posts[1]?.receivedAt ?? 0) - (posts[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(450);
  });

  it('a REST 500 is retried by discord.js', async () => {
    const { emu } = ctx;
    emu.failNext({ method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/, status: 500 });
    const sent = emu.sendMessage({ content: 'flaky', mentionsBot: true });
    await emu.waitForReply(sent);
    const posts = emu.requests.filter((r) => r.path === `/channels/${emu.channelId}/messages` && r.receivedAt >= sent.sentAt);
    expect(posts.map((r) => r.status)).toEqual([500, 200]);
  });
});

describe('intents: no MESSAGE_CONTENT', () => {
  const ctx = useEmulatorAndClient({}, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);

  it('blanks content unless the bot is mentioned, as Discord does', async () => {
    const { emu, client } = ctx;
    const received: Message[] = [];
    client.on(Events.MessageCreate, (m) => received.push(m));
    const plain = emu.sendMessage({ content: 'secret' });
    const mention = emu.sendMessage({ content: 'hello', mentionsBot: true });
    await emu.waitFor(() => received.some((m) => m.id === mention.id), 'the mention to reach the client');
    expect(received.find((m) => m.id === plain.id)?.content).toBe('');
    expect(received.find((m) => m.id === mention.id)?.content).toBe(`<@${emu.botUser.id}> hello`);
  });
});

describe('interaction deadline', () => {
  const ctx = useEmulatorAndClient({ callbackDeadlineMs: 200 });
  const errors: unknown[] = [];

  beforeAll(() => {
    ctx.client.on(Events.InteractionCreate, async (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      if (i.commandName === 'slow') await new Promise((r) => setTimeout(r, 300));
      await i.deferReply().catch((error: unknown) => errors.push(error));
    });
  });

  it('answers a late first callback with 404 Unknown interaction (10062), as Discord does', async () => {
    const { emu } = ctx;
    const fast = emu.sendSlashCommand({ name: 'fast' });
    expect((await emu.waitForCallback(fast)).status).toBe(204);

    const slow = emu.sendSlashCommand({ name: 'slow' });
    const callback = await emu.waitForCallback(slow);
    expect(callback.status).toBe(404);
    expect(callback.latencyMs).toBeGreaterThan(200);
    await emu.waitFor(() => errors.length > 0, 'the client to see the error');
    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
  });
});

describe('gateway resilience', () => {
  // A short heartbeat so heartbeats (and their ACKs) really happen during the test.
  const ctx = useEmulatorAndClient({ heartbeatIntervalMs: 250 });

  beforeAll(() => {
    ctx.client.on(Events.InteractionCreate, async (i: Interaction) => {
      if (i.isChatInputCommand() && i.commandName === 'ping') await i.reply('pong');
    });
  });

  it('ACKs heartbeats, so the client never sees a zombie connection', async () => {
    const { emu, client } = ctx;
    await emu.waitFor(() => emu.heartbeatCount >= 3, '3 heartbeats');
    expect(emu.resumeCount).toBe(0);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });

  it('dropGateway(4000): the client RESUMEs and the next interaction still works', async () => {
    const { emu, client } = ctx;
    const resumed = once(client, Events.ShardResume, { signal: AbortSignal.timeout(10_000) });
    expect(await emu.dropGateway(4000)).toBe(1);
    await emu.waitForResume(1);
    await resumed;
    expect(emu.resumeCount).toBe(1);
    expect(emu.identifyCount).toBe(1);

    const handle = emu.sendSlashCommand({ name: 'ping' });
    expect((await emu.waitForCallback(handle)).data.content).toBe('pong');
  });

  it('replays what was dispatched while disconnected', async () => {
    const { emu } = ctx;
    await emu.dropGateway(4000);
    const handle = emu.sendSlashCommand({ name: 'ping' }); // buffered, replayed on RESUME
    await emu.waitForResume(2);
    expect((await emu.waitForCallback(handle)).status).toBe(204);
  });

  it('RECONNECT (op 7) and unacknowledged heartbeats both lead to a RESUME', async () => {
    const { emu } = ctx;
    expect(emu.reconnectGateway()).toBe(1);
    await emu.waitForResume(3);

    emu.ackHeartbeats = false;
    await emu.waitForResume(4); // discord.js: "Zombie connection" → destroy + resume
    emu.ackHeartbeats = true;
    expect(emu.identifyCount).toBe(1);

    const handle = emu.sendSlashCommand({ name: 'ping' });
    expect((await emu.waitForCallback(handle)).type).toBe(4);
  });
});

describe('teardown', () => {
  it('leaves no sockets or servers behind', async () => {
    const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
    const before = tcpHandles();

    const emu = await startDiscordEmulator();
    expect(() => emu.sendSlashCommand({ name: 'x' })).toThrow(/no gateway session/);
    const client = await readyClient(emu);
    client.on(Events.InteractionCreate, async (i) => {
      if (i.isChatInputCommand()) await i.reply('ok');
    });
    await emu.waitForCallback(emu.sendSlashCommand({ name: 'x' }));
    expect(tcpHandles()).toBeGreaterThan(before);

    const started = Date.now();
    await client.destroy();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(2000);
    // Client-side sockets see the close asynchronously.
    for (let i = 0; i < 50 && tcpHandles() > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(tcpHandles()).toBe(before);
    expect(() => emu.sendSlashCommand({ name: 'x' })).toThrow(/closed/);
  });
});
