import { Client, Events, GatewayIntentBits, RESTEvents, type RESTOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordConfig } from '../config';
import { BotMetrics, type HealthStatus } from '../health';
import type { FeedbackStore } from '../storage';
import { AnswerButtons } from './answer-buttons';
import { Conversations } from './conversations';
import { AcknowledgmentTracker } from './acknowledgments';
import { commands as registry } from './commands';
import type { StoryEngines } from './story-engines';
import { events, type AnyBotEvent, type BotRuntime } from './events';
import { BotLifecycle, READY_TIMEOUT_MS, SHUTDOWN_GRACE_MS, type GatewayClosedError, type ShutdownReport } from './lifecycle';
import { QuestionAdmission } from './admission';
import { noMentions } from './messages';
import { Pager } from './pager';
import type { BotContext, SlashCommand } from './types';

export interface BotOptions {
  config: DiscordConfig;
  /** Every story's engine, and which channel asks about which. */
  stories: StoryEngines;
  log: Logger;
  /**
   * The interactions not yet acknowledged; the engine holder waits on the same tracker before
   * each computation (see EngineHolder's `beforeCompute`). Default: a tracker of its own.
   */
  acks?: AcknowledgmentTracker;
  /** Extra REST client options (load tests raise `globalRequestsPerSecond`). `api` comes from config. */
  rest?: Partial<RESTOptions>;
  /** Commands routed (default: the registry that deploy-commands registers). */
  commands?: readonly SlashCommand[];
  /** How long `stop()` waits for answers in flight before abandoning them (default 5 s). */
  shutdownGraceMs?: number;
  /** How long `login()` waits for the gateway to be ready (default 30 s). */
  readyTimeoutMs?: number;
  /** Where questions, votes and rebuilds are counted (default: a registry of its own). */
  metrics?: BotMetrics;
  /** Where 👍 / 👎 votes are stored; without it answers have no vote buttons. */
  feedback?: FeedbackStore | null;
}

export interface Bot {
  client: Client;
  context: BotContext;
  /** Handlers (interactions and mentions) still running. */
  readonly inFlight: number;
  /** Logs in and resolves once the guilds are cached (clientReady); destroys the client on failure. */
  login(): Promise<void>;
  /**
   * Stops taking work, waits for answers in flight (up to the grace period; the users of those
   * abandoned then get an apology), destroys the client. Idempotent.
   */
  stop(): Promise<ShutdownReport>;
  /** Settles when the gateway closes for good (revoked token, refused intent): nothing will reconnect. */
  readonly fatal: Promise<GatewayClosedError>;
  /** Connected to the gateway and not stopping (what `/healthz` reports). */
  health(): HealthStatus;
}

export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

/**
 * The Discord bot: wires a discord.js client to the gateway event handlers (src/discord/events),
 * the command registry and the lifecycle. Knows nothing about answering: commands call the
 * engine's `ask()` / `timeline()` / `summary()`.
 */
export function createBot(options: BotOptions): Bot {
  const { config, stories, log } = options;
  const commandList = options.commands ?? registry;
  const metrics = options.metrics ?? new BotMetrics();
  const context: BotContext = {
    config,
    stories,
    log,
    admission: new QuestionAdmission({
      cooldownSeconds: config.askCooldownSeconds,
      burst: config.askBurst,
      concurrency: config.maxConcurrentAnswers,
      capacity: config.answerQueueSize,
    }),
    pager: new Pager({ timeoutMs: config.timelineButtonTimeoutSeconds * 1000, log }),
    answerButtons: new AnswerButtons({ feedback: options.feedback ?? null, metrics, log }),
    conversations: new Conversations(),
    commands: commandList,
    metrics,
  };

  const client = new Client({
    intents: INTENTS,
    rest: { ...options.rest, api: config.apiUrl },
    // The default for every message; each send passes it explicitly too.
    allowedMentions: noMentions(),
    // Replying to a message deleted meanwhile sends a plain message instead of failing.
    failIfNotExists: false,
  });
  const lifecycle = new BotLifecycle(
    client,
    { stories, pager: context.pager, log, token: config.token, apiUrl: config.apiUrl },
    { readyTimeoutMs: options.readyTimeoutMs ?? READY_TIMEOUT_MS, shutdownGraceMs: options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS },
  );
  const runtime: BotRuntime = {
    client,
    context,
    commands: new Map(commandList.map((command) => [command.data.name, command])),
    acks: options.acks ?? new AcknowledgmentTracker(),
    get stopping() {
      return lifecycle.stopping;
    },
    track: (work, apologize) => lifecycle.track(work, apologize),
    gatewayClosed: (code) => lifecycle.closed(code),
  };

  for (const event of events) listen(client, runtime, event);
  if (log.isLevelEnabled('trace')) client.on(Events.Debug, (line) => log.trace(`discord.js: ${line}`));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global },
      'Discord rate limit hit; waiting',
    ),
  );

  return {
    client,
    context,
    get inFlight() {
      return lifecycle.running;
    },
    login: () => lifecycle.login(),
    stop: () => lifecycle.stop(),
    fatal: lifecycle.fatal,
    health: () => lifecycle.health(),
  };
}

function listen(client: Client, runtime: BotRuntime, event: AnyBotEvent): void {
  // One registration for every event: the union of handler types is checked where each is declared.
  const handler = (...args: unknown[]) => (event.execute as (runtime: BotRuntime, ...args: unknown[]) => void)(runtime, ...args);
  if (event.once) client.once(event.name, handler);
  else client.on(event.name, handler);
}
