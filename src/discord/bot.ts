import {
  Client,
  Events,
  GatewayIntentBits,
  RESTEvents,
  type Interaction,
  type Message,
  type RepliableInteraction,
  type RESTOptions,
} from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordConfig } from '../config';
import { commands as registry } from './commands';
import type { EngineHolder } from './engine-holder';
import { AnswerLimits } from './limits';
import { apology, ephemeral, errorDetails, fitMessage, newErrorId, noMentions } from './messages';
import { Pager } from './pager';
import { answerQuestion } from './answering';
import { mentionHelp } from './replies';
import type { BotContext, SlashCommand } from './types';

export interface BotOptions {
  config: DiscordConfig;
  engines: EngineHolder;
  log: Logger;
  /** Extra REST client options (load tests raise `globalRequestsPerSecond`). `api` comes from config. */
  rest?: Partial<RESTOptions>;
  /** Commands routed (default: the registry that deploy-commands registers). */
  commands?: readonly SlashCommand[];
  /** How long `stop()` waits for answers in flight before abandoning them (default 5 s). */
  shutdownGraceMs?: number;
  /** How long `login()` waits for the gateway to be ready (default 30 s). */
  readyTimeoutMs?: number;
}

export interface Bot {
  client: Client;
  context: BotContext;
  /** Handlers (interactions and mentions) still running. */
  readonly inFlight: number;
  /** Logs in and resolves once the guilds are cached (clientReady); destroys the client on failure. */
  login(): Promise<void>;
  /** Stops taking work, waits for answers in flight (up to the grace period), destroys the client. Idempotent. */
  stop(): Promise<void>;
}

export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

/**
 * The Discord bot: a discord.js client, the interaction router, the mention handler, and the
 * lifecycle around them. Knows nothing about answering: commands call the engine's `ask()` /
 * `timeline()`; this module routes, limits, acknowledges, and keeps failures contained.
 */
export function createBot(options: BotOptions): Bot {
  const { config, engines, log } = options;
  const commandList = options.commands ?? registry;
  const byName = new Map(commandList.map((command) => [command.data.name, command]));
  const context: BotContext = {
    config,
    engines,
    log,
    limits: new AnswerLimits({ cooldownSeconds: config.askCooldownSeconds, maxConcurrent: config.maxConcurrentAnswers }),
    pager: new Pager({ timeoutMs: config.timelineButtonTimeoutSeconds * 1000, log }),
  };

  const client = new Client({
    intents: INTENTS,
    rest: { ...options.rest, api: config.apiUrl },
    // The default for every message; each send below passes it explicitly too.
    allowedMentions: noMentions(),
    // Replying to a message deleted meanwhile sends a plain message instead of failing.
    failIfNotExists: false,
  });

  const inFlight = new Set<Promise<void>>();
  const acks = new AcknowledgmentTracker();
  engines.beforeCompute = () => acks.settled(ACK_PRIORITY_MAX_WAIT_MS);
  let stopping = false;
  let stopped: Promise<void> | null = null;

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  // ---- interactions -----------------------------------------------------------------------------

  async function route(interaction: Interaction): Promise<void> {
    if (stopping) {
      if (interaction.isRepliable())
        await interaction.reply(ephemeral("I'm restarting; please try again in a minute.")).catch(() => undefined);
      return;
    }
    const started = performance.now();
    try {
      if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) {
          log.warn({ command: interaction.commandName }, 'unknown command (run npm run deploy-commands after changing commands)');
          await interaction.reply(ephemeral(`I don't know \`/${interaction.commandName}\` (anymore). \`/help\` lists my commands.`));
          return;
        }
        await command.execute(interaction, context);
        log.info(
          { command: interaction.commandName, user: interaction.user.id, ms: Math.round(performance.now() - started) },
          `/${interaction.commandName} handled`,
        );
      } else if (interaction.isButton()) {
        const handled = await context.pager.handle(interaction);
        if (!handled) await interaction.reply(ephemeral('This button no longer does anything.'));
      } else if (interaction.isAutocomplete()) {
        await interaction.respond([]);
      } else if (interaction.isRepliable()) {
        await interaction.reply(ephemeral('This is not something I can handle.'));
      }
    } catch (error) {
      await reportFailure(interaction, error);
    }
  }

  /** Logs the error with a short id and the stack; tells the user privately, with the same id. */
  async function reportFailure(interaction: Interaction, error: unknown): Promise<void> {
    const errorId = newErrorId();
    log.error(
      {
        errorId,
        error: errorDetails(error),
        interaction: {
          id: interaction.id,
          type: interaction.type,
          command: interaction.isCommand() ? interaction.commandName : undefined,
          user: interaction.user.id,
        },
      },
      `interaction handler failed (${errorId})`,
    );
    if (!interaction.isRepliable()) return;
    const message = ephemeral(apology(errorId));
    try {
      if (!interaction.deferred && !interaction.replied) {
        await interaction.reply(message);
      } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
        await interaction.editReply({ content: message.content ?? '', allowedMentions: noMentions() });
      } else {
        // A public "thinking…" nobody will complete: remove it, then apologize privately.
        if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
        await interaction.followUp(message);
      }
    } catch (replyError) {
      log.warn({ errorId, error: errorDetails(replyError) }, `could not send the apology for ${errorId}`);
    }
  }

  // ---- mentions ---------------------------------------------------------------------------------

  async function onMessage(message: Message): Promise<void> {
    if (stopping || message.author.bot || message.webhookId || message.system || !client.user) return;
    const botId = client.user.id;
    const botRole = message.guild?.members.me?.roles.botRole ?? null;
    const mentioned = message.mentions.users.has(botId) || (botRole !== null && message.mentions.roles.has(botRole.id));
    const { channel } = message;
    if (!mentioned || !channel.isSendable()) return;

    const reply = (content: string) =>
      message.reply({ content: fitMessage(content), allowedMentions: noMentions(), failIfNotExists: false });
    try {
      let question = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
      if (botRole) question = question.replaceAll(`<@&${botRole.id}>`, ' ');
      question = question.trim();
      const outcome = await answerQuestion(context, message.author.id, question, async () => {
        void channel.sendTyping().catch(() => undefined);
      });
      if (!outcome.ok) {
        await reply(outcome.reason === 'invalid' ? mentionHelp(botId) : outcome.message);
        return;
      }
      await reply(outcome.reply.content);
      if (outcome.reply.extra) await reply(outcome.reply.extra);
      log.info({ mention: message.id, user: message.author.id }, 'mention answered');
    } catch (error) {
      const errorId = newErrorId();
      log.error(
        { errorId, error: errorDetails(error), message: { id: message.id, channel: message.channelId, user: message.author.id } },
        `mention handler failed (${errorId})`,
      );
      await reply(apology(errorId)).catch((replyError: unknown) =>
        log.warn({ errorId, error: errorDetails(replyError) }, `could not send the apology for ${errorId}`),
      );
    }
  }

  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isRepliable()) acks.add(interaction);
    track(route(interaction).finally(() => acks.forget(interaction)));
  });
  client.on(Events.MessageCreate, (message) => track(onMessage(message)));

  // ---- client health ----------------------------------------------------------------------------

  client.once(Events.ClientReady, (ready) => {
    log.info({ user: ready.user.tag, id: ready.user.id, guilds: ready.guilds.cache.size }, `logged in as ${ready.user.tag}`);
    void checkRegisteredCommands();
  });
  client.on(Events.Error, (error) => log.error({ error: errorDetails(error) }, 'discord.js client error'));
  client.on(Events.Warn, (warning) => log.warn(`discord.js: ${warning}`));
  client.on(Events.ShardDisconnect, (event) => {
    if (!stopping) log.warn({ code: event.code }, 'gateway connection closed');
  });
  client.on(Events.ShardReconnecting, () => log.info('gateway reconnecting'));
  client.on(Events.ShardResume, (_shard, replayed) => log.info({ replayed }, 'gateway session resumed'));
  client.on(Events.ShardError, (error) => log.warn({ error: errorDetails(error) }, 'gateway error'));
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (line) => log.trace(`discord.js: ${line}`));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global },
      'Discord rate limit hit; waiting',
    ),
  );

  /** Warns when the application's registered commands differ from the registry (a common set-up slip). */
  async function checkRegisteredCommands(): Promise<void> {
    try {
      const registered = await client.application!.commands.fetch(config.guildId ? { guildId: config.guildId } : {});
      const names = new Set([...registered.values()].map((c) => c.name));
      const missing = commandList.map((c) => c.data.name).filter((name) => !names.has(name));
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

  // ---- lifecycle --------------------------------------------------------------------------------

  async function login(): Promise<void> {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(new Error('the gateway did not become ready in time')), options.readyTimeoutMs ?? 30_000);
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      abort.signal.addEventListener('abort', () => reject(abort.signal.reason as Error));
    });
    ready.catch(() => undefined);
    try {
      await client.login(config.token);
      await ready;
    } catch (error) {
      abort.abort(error);
      await client.destroy();
      throw error;
    } finally {
      clearTimeout(timeout);
    }
  }

  function stop(): Promise<void> {
    stopped ??= (async () => {
      stopping = true;
      const graceMs = options.shutdownGraceMs ?? 5000;
      if (inFlight.size > 0) log.info({ inFlight: inFlight.size }, 'stopping: waiting for answers in flight');
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!drained)
        log.warn({ abandoned: inFlight.size }, `stopping: abandoning ${inFlight.size} unfinished handler(s) after ${graceMs} ms`);
      if (engines.rebuildStartedAt !== null) {
        log.warn('stopping during a rebuild: it is cancelled; the published index is unchanged');
        engines.cancelRebuild();
      }
      context.pager.close();
      await client.destroy();
      // The encoder can go once nothing uses it; abandoned work may still hold it.
      if (drained) await engines.close().catch(() => undefined);
      log.info('stopped');
    })();
    return stopped;
  }

  return {
    client,
    context,
    get inFlight() {
      return inFlight.size;
    },
    login,
    stop,
  };
}

/** Longest a computation waits for acknowledgments to go out first (a handler may never acknowledge). */
const ACK_PRIORITY_MAX_WAIT_MS = 1000;

/**
 * Interactions received but not yet acknowledged. Answers are computed on the main thread; under
 * a burst, computing before every interaction is deferred would push the last acknowledgments
 * past Discord's 3 s. Computation waits (briefly, bounded) until this set is empty.
 */
class AcknowledgmentTracker {
  private readonly pending = new Set<RepliableInteraction>();

  add(interaction: RepliableInteraction): void {
    this.pending.add(interaction);
  }

  forget(interaction: Interaction): void {
    this.pending.delete(interaction as RepliableInteraction);
  }

  /** Resolves once every interaction received so far is deferred or replied to, or after `maxWaitMs`. */
  async settled(maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      for (const interaction of this.pending) if (interaction.deferred || interaction.replied) this.pending.delete(interaction);
      if (this.pending.size === 0 || Date.now() >= deadline) return;
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
  }
}
