import { Events } from 'discord.js';
import { errorDetails } from '../messages';
import { botEvent, type BotRuntime } from './types';

/** Logged in: one log line, then a check that the registered slash commands match the registry. */
export default botEvent({
  name: Events.ClientReady,
  once: true,
  execute(runtime, ready) {
    runtime.context.log.info(
      { user: ready.user.tag, id: ready.user.id, guilds: ready.guilds.cache.size },
      `logged in as ${ready.user.tag}`,
    );
    void checkRegisteredCommands(runtime);
  },
});

/** Warns when the application's registered commands differ from the registry (a common set-up slip). */
async function checkRegisteredCommands({ client, commands, context: { config, log } }: BotRuntime): Promise<void> {
  try {
    const registered = await client.application!.commands.fetch(config.guildId ? { guildId: config.guildId } : {});
    const names = new Set([...registered.values()].map((c) => c.name));
    const missing = [...commands.keys()].filter((name) => !names.has(name));
    if (missing.length > 0) {
      log.warn(
        { missing, scope: config.guildId ? `guild ${config.guildId}` : 'global' },
        `slash commands not registered: ${missing.map((n) => `/${n}`).join(', ')}. Run npm run deploy-commands.`,
      );
    }
  } catch (error) {
    log.debug({ error: errorDetails(error) }, 'could not list the registered commands');
  }
}
