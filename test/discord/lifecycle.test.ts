/**
 * Stopping the bot (what SIGINT/SIGTERM do in `npm start`): no new work, answers in flight
 * finished (or abandoned after the grace period), the client destroyed.
 */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands';
import type { SlashCommand } from '../../src/discord/types';
import { isEphemeral, sleep, useBot } from './support';

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
  data: new SlashCommandBuilder().setName('stuck').setDescription('Never finishes (until the test says so)'),
  async execute(interaction: ChatInputCommandInteraction) {
    await interaction.deferReply();
    await new Promise<void>((resolve) => (releaseStuck = resolve));
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
    await stopping;
    expect(Date.now()).toBeGreaterThanOrEqual(edit.receivedAt);
    expect(bot.client.isReady()).toBe(false);
    await emu.waitFor(() => !/:live@/.test(emu.describeRecent()), 'the gateway session to close');
    expect(suite.logs.lines.at(-1)).toMatchObject({ msg: 'stopped' });
    await bot.stop(); // idempotent
  });
});

describe('stop(): work that outlives the grace period is abandoned', () => {
  const suite = useBot({ commands: [...commands, stuck], env: { LOG_LEVEL: 'info' }, shutdownGraceMs: 300 });

  it('gives up after the grace period and still destroys the client', async () => {
    const { emu, bot } = suite;
    const handle = emu.sendSlashCommand({ name: 'stuck' });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const started = Date.now();
    await bot.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(bot.client.isReady()).toBe(false);
    expect(suite.logs.lines.some((l) => /abandoning 1 unfinished handler/.test(String(l.msg)))).toBe(true);
    releaseStuck();
  });
});
