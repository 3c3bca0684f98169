import { REST, Routes, type RESTOptions } from 'discord.js';
import { loadDiscordConfig, type DiscordConfig } from '../config';
import { commands, commandsJSON } from './commands';
import type { SlashCommand } from './types';

export interface DeployResult {
  scope: 'guild' | 'global';
  route: string;
  /** What Discord answered: the registered commands with their ids. */
  registered: { id: string; name: string }[];
}

/**
 * Registers the registry's commands (PUT: replaces the application's commands, so removed
 * commands disappear): on one server when DISCORD_GUILD_ID is set (instant), else globally.
 */
export async function deployCommands(
  config: Pick<DiscordConfig, 'token' | 'clientId' | 'guildId' | 'apiUrl'>,
  options: { commands?: readonly SlashCommand[]; rest?: Partial<RESTOptions> } = {},
): Promise<DeployResult> {
  const rest = new REST({ ...options.rest, api: config.apiUrl }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.clientId, config.guildId)
    : Routes.applicationCommands(config.clientId);
  const registered = (await rest.put(route, { body: commandsJSON(options.commands ?? commands) })) as { id: string; name: string }[];
  return { scope: config.guildId ? 'guild' : 'global', route, registered: registered.map(({ id, name }) => ({ id, name })) };
}

/** `npm run deploy-commands`. */
export async function deployCommandsCommand(): Promise<number> {
  const config = loadDiscordConfig();
  const result = await deployCommands(config);
  const names = result.registered.map((c) => `/${c.name}`).join(', ');
  const where =
    result.scope === 'guild'
      ? `on server ${config.guildId} (available now)`
      : 'globally (Discord may take up to an hour to show them everywhere)';
  process.stdout.write(`Registered ${result.registered.length} commands ${where}: ${names}\n`);
  return 0;
}
