/**
 * Stopping the bot (what SIGINT/SIGTERM do in `npm start`): no new work, answers in flight
 * finished (or abandoned after the grace period), the client destroyed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands';
import { GatewayUnreachableError, RESTART_APOLOGY } from '../../src/discord/lifecycle';
import { startBot } from '../../src/discord/start';
import type { SlashCommand } from '../../src/discord/types';
import type { DiscordEmulator } from './emulator';
import { botEnv, isEphemeral, sleep, StdoutCapture, useBot } from './support';

const slow: SlashCommand = {
  help: 'test command.',
  data: new SlashCommandBuilder().setName('slow').setDescription('Takes 600 ms to answer'),
  async execute(interaction: ChatInputCommandInteraction) {
    await interaction.deferReply();
    await sleep(600);
    await interaction.editReply({ content: 'slow answer', allowedMentions: { parse: [] } });
  },
};

let releaseStuck: () => void = () => undefined;
const stuck: SlashCommand = {
  help: 'test command.',
  data: new SlashCommandBuilder().setName('stuck').setDescription('Never finishes (until the test says so), holding an answer slot'),
  async execute(interaction: ChatInputCommandInteraction, context) {
    await interaction.deferReply();
    const slot = context.admission.shared();
    if (slot.ok) await slot.run(() => new Promise<void>((resolve) => (releaseStuck = resolve)));
  },
};

describe('stop(): answers in flight are finished first', () => {
  const suite = useBot({ commands: [...commands, slow], env: { LOG_LEVEL: 'info' } });

  it('waits for the answer in flight, refuses new work meanwhile, then destroys the client', async () => {
    const { emu, bot } = suite;
    const inFlight = emu.sendSlashCommand({ name: 'slow' });
    expect((await emu.waitForCallback(inFlight)).type).toBe(5);

    const stopping = bot.stop();
    const late = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
    const refusal = await emu.waitForCallback(late);
    expect(refusal.type).toBe(4);
    expect(isEphemeral(refusal.data)).toBe(true);
    expect(refusal.data.content).toMatch(/restarting/);

    const edit = await emu.waitForEdit(inFlight, (e) => e.body.content === 'slow answer');
    // Nothing was abandoned: a clean shutdown (npm start exits 0).
    expect(await stopping).toEqual({ abandoned: 0 });
    expect(Date.now()).toBeGreaterThanOrEqual(edit.receivedAt);
    expect(bot.client.isReady()).toBe(false);
    await emu.waitFor(() => !/:live@/.test(emu.describeRecent()), 'the gateway session to close');
    expect(suite.logs.lines.at(-1)).toMatchObject({ msg: 'stopped' });
    await bot.stop(); // idempotent
  });
});

describe('stop(): work that outlives the grace period is abandoned', () => {
  // One answer slot, held by /stuck: a mention asked after it waits in the queue.
  const suite = useBot({ commands: [...commands, stuck], env: { LOG_LEVEL: 'info', MAX_CONCURRENT_ANSWERS: '1' }, shutdownGraceMs: 300 });

  it('gives up after the grace period, tells the user their answer is not coming, reports the shutdown unclean, destroys the client', async () => {
    const { emu, bot } = suite;
    const handle = emu.sendSlashCommand({ name: 'stuck' });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    await emu.waitFor(() => bot.bot.context.admission.running === 1, '/stuck to hold the answer slot');
    const queued = emu.sendMessage({ content: 'who fired krebs?', mentionsBot: true });
    await emu.waitForRequest((r) => r.path === `/channels/${emu.channelId}/typing` && r.receivedAt >= queued.sentAt);
    const started = Date.now();
    // npm start exits with UNCLEAN_SHUTDOWN_EXIT_CODE on this report.
    expect(await bot.stop()).toEqual({ abandoned: 2 });
    const apology = emu.edits(handle).at(-1);
    expect(apology?.body.content).toBe(RESTART_APOLOGY);
    expect(apology?.body.allowed_mentions).toMatchObject({ parse: [] });
    const reply = await emu.waitForReply(queued);
    expect(reply.body.content).toBe(RESTART_APOLOGY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(bot.client.isReady()).toBe(false);
    expect(suite.logs.lines.some((l) => /abandoning 2 unfinished handler/.test(String(l.msg)))).toBe(true);
    releaseStuck();
  });
});

describe('start-up when the gateway cannot be reached', () => {
  it('gives up after the ready timeout with an error naming DISCORD_API_URL and the gateway URL; reconnect logs are few', async () => {
    // A REST API that hands out a gateway URL where nothing listens.
    const deadGateway = 'ws://127.0.0.1:9';
    const api = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url?.startsWith('/api/v10/gateway/bot')) {
        response.end(
          JSON.stringify({
            url: deadGateway,
            shards: 1,
            session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
          }),
        );
      } else {
        response.statusCode = 404;
        response.end(JSON.stringify({ message: 'Unknown', code: 0 }));
      }
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api`;
    const logs = new StdoutCapture();
    logs.start();
    try {
      const started = Date.now();
      const ids = { applicationId: '123456789012345678', guildId: '234567890123456789', apiUrl } as DiscordEmulator;
      const failure = await startBot({ env: botEnv(ids), readyTimeoutMs: 3000 }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(GatewayUnreachableError);
      const error = failure as GatewayUnreachableError;
      expect(error.fullMessage).toContain(apiUrl);
      expect(error.fullMessage).toContain(deadGateway);
      expect(error.fullMessage).toContain('DISCORD_API_URL');
      expect(Date.now() - started).toBeLessThan(60_000);
      const reconnectLines = logs.lines.filter((l) => l.msg === 'gateway reconnecting');
      expect(reconnectLines.length).toBeLessThanOrEqual(1);
    } finally {
      logs.stop();
      api.close();
    }
  });
});
