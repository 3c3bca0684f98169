/**
 * `npm run deploy-commands` registers exactly the registry's commands: guild commands when
 * DISCORD_GUILD_ID is set, global ones otherwise, through DISCORD_API_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, commandsJSON } from '../../src/discord/commands';
import { deployCommands } from '../../src/discord/deploy-commands';
import { npmRun } from '../support/cli';
import { startDiscordEmulator, type DiscordEmulator } from './emulator';
import { TOKEN } from './support';

/** The registry's commands, in the order users see them in /help. */
const REGISTRY_NAMES = ['ask', 'summary', 'timeline', 'sources', 'stories', 'story', 'settings', 'add', 'reindex', 'help'];

describe('deploy-commands', () => {
  let emu: DiscordEmulator;
  beforeAll(async () => {
    emu = await startDiscordEmulator({ token: TOKEN });
  });
  afterAll(async () => {
    await emu?.close();
  });

  const env = () => ({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: emu.applicationId, DISCORD_API_URL: emu.apiUrl });

  it('the registry holds /ask, /summary, /timeline, /sources, /stories, /story, /settings, /add, /reindex and /help, with the expected options', () => {
    const json = commandsJSON();
    expect(json.map((c) => c.name)).toEqual(REGISTRY_NAMES);
    const byName = Object.fromEntries(json.map((c) => [c.name, c]));
    expect(byName.ask?.options).toEqual([
      expect.objectContaining({ type: 3, name: 'question', required: true, max_length: 1000 }),
      expect.objectContaining({ type: 3, name: 'story', autocomplete: true }),
      expect.objectContaining({ type: 5, name: 'hide' }),
      expect.objectContaining({ type: 5, name: 'thread' }),
    ]);
    // Manage Server = 1 << 5 = 32; guild only; four switches, none required.
    expect(byName.settings).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(byName.settings?.options?.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['enabled', 5, false],
      ['require_mention', 5, false],
      ['threads', 5, false],
      ['hide', 5, false],
    ]);
    // Manage Channels = 1 << 4 = 16; guild only.
    expect(byName.story).toMatchObject({ default_member_permissions: '16', contexts: [0] });
    expect(byName.timeline?.options?.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['topic', 3, false],
      ['from', 3, false],
      ['to', 3, false],
      ['story', 3, false],
    ]);
    expect(byName.sources?.options ?? []).toEqual([]);
    // Manage Server = 1 << 5 = 32; guild only (no DMs).
    expect(byName.reindex).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    for (const name of ['ask', 'timeline', 'sources', 'help']) {
      expect(byName[name]?.default_member_permissions ?? null).toBeNull();
      expect(byName[name]?.contexts).toEqual([0, 1]);
    }
  });

  it('npm run deploy-commands with DISCORD_GUILD_ID registers exactly the registry’s JSON on that guild', async () => {
    const { code, stdout, stderr } = await npmRun('deploy-commands', [], { env: { ...env(), DISCORD_GUILD_ID: emu.guildId } });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Registered 10 commands on server ${emu.guildId} (available now): /ask, /summary, /timeline, /sources, /stories, /story, /settings, /add, /reindex, /help\n`,
    );

    const put = emu.requests.find(
      (r) => r.method === 'PUT' && r.path === `/applications/${emu.applicationId}/guilds/${emu.guildId}/commands`,
    );
    expect(put?.status).toBe(200);
    // Exactly what the bot routes with: the same registry, serialized by the builders.
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(commands.map((c) => c.data.toJSON()))));
    expect(emu.commands.guild.map((c) => c.name)).toEqual(REGISTRY_NAMES);
    expect(emu.commands.global).toEqual([]);
    expect(emu.commands.guild.find((c) => c.name === 'reindex')?.default_member_permissions).toBe('32');
  });

  it('without DISCORD_GUILD_ID it registers global commands', async () => {
    const result = await deployCommands({ token: TOKEN, clientId: emu.applicationId, guildId: null, apiUrl: emu.apiUrl });
    expect(result.scope).toBe('global');
    expect(result.registered.map((c) => c.name)).toEqual(REGISTRY_NAMES);
    const put = emu.requests.findLast((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${emu.applicationId}/commands`);
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(commandsJSON())));
  });

  it('a missing token is a configuration error naming the variable and the README section', async () => {
    const { code, stderr } = await npmRun('deploy-commands', [], { env: { ...env(), DISCORD_TOKEN: '' } });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/DISCORD_TOKEN is missing/);
    expect(stderr).toContain('See README.md, section "Set up a Discord bot".');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
