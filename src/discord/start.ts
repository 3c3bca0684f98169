import { plural } from '../util/plural';
import type { Client, RESTOptions } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadDiscordConfig, loadEngineConfig, type DiscordConfig, type EngineConfig } from '../config';
import { forStory, openEngine, warmEngine } from '../engine';
import { logBuildProgress } from '../engine/progress';
import { isUserFacing } from '../util/errors';
import { createLogger, type Logger } from '../util/log';
import { AcknowledgmentTracker } from './acknowledgments';
import { createBot, type Bot } from './bot';
import type { ShutdownReport } from './lifecycle';
import { BotMetrics, startHealthServer, type HealthServer, type HealthStatus } from '../health';
import { databaseFile, openDatabase } from '../storage';
import { EngineHolder } from './engine-holder';
import { StoryEngines } from './story-engines';
import { errorDetails, tenths } from './messages';
import type { SlashCommand } from './types';

export interface StartBotOptions {
  /** Where settings are read from (default `process.env`; `.env` is loaded by `main`). */
  env?: Record<string, string | undefined>;
  /** Default: JSON (pretty on a terminal) on stdout at LOG_LEVEL, with the token redacted. */
  log?: Logger;
  rest?: Partial<RESTOptions>;
  commands?: readonly SlashCommand[];
  shutdownGraceMs?: number;
  /** How long logging in may wait for the gateway (default 30 s). */
  readyTimeoutMs?: number;
}

export interface BotHandle {
  client: Client<true>;
  bot: Bot;
  engineHolder: EngineHolder;
  log: Logger;
  config: { discord: DiscordConfig; engine: EngineConfig };
  /** `/healthz` and `/metrics`, when HEALTH_PORT is set. */
  health: HealthServer | null;
  /** Seconds from start to ready-to-log-in (index loaded or built, encoder warmed). */
  startupSeconds: number;
  /** Stops the bot (see Bot.stop), then closes the database and the health server. */
  stop(): Promise<ShutdownReport>;
}

/** Both configurations, validated before anything is loaded. Throws ConfigError. */
export function loadBotConfig(env: Record<string, string | undefined> = process.env): { discord: DiscordConfig; engine: EngineConfig } {
  const problems: string[] = [];
  let discord: DiscordConfig | undefined;
  let engine: EngineConfig | undefined;
  try {
    discord = loadDiscordConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    engine = loadEngineConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (!discord || !engine) throw new ConfigError(problems, 'See README.md, section "Set up a Discord bot".');
  return { discord, engine };
}

/** A logger for the bot: stdout, the token (and its long parts) never printed. */
export function botLogger(discord: DiscordConfig, engine: EngineConfig): Logger {
  // discord.js's debug output shows the token's first two parts ("censored"): redact those too.
  const secrets = [discord.token, ...discord.token.split('.').filter((part) => part.length >= 8)];
  return createLogger({ level: engine.logLevel, stream: 'stdout', secrets });
}

/**
 * Starts the bot in this process: validates the configuration (ConfigError), loads the index
 * (building it when missing or stale) and warms the encoder BEFORE logging in, logs one start-up
 * line, logs in and resolves once the gateway is ready.
 */
export async function startBot(options: StartBotOptions = {}): Promise<BotHandle> {
  const config = loadBotConfig(options.env ?? process.env);
  const log = options.log ?? botLogger(config.discord, config.engine);
  const started = performance.now();
  // The default story (DEFAULT_STORY, else the first) is opened now; the others when a channel asks.
  const { settings: storySettings, story, stories } = forStory(config.engine);
  const metrics = new BotMetrics();
  let bot: Bot | null = null;
  // Up first, so that a supervisor sees "starting" (503) while the index loads or builds.
  const health = await startHealth(
    config.discord,
    metrics,
    () => bot?.health() ?? { healthy: false, reason: 'starting: loading the index' },
    log,
  );
  const database = openDatabase(databaseFile(config.discord.dataDir));
  let engine, build;
  try {
    ({ engine, build } = await openEngine({ settings: storySettings, log, onBuildProgress: logBuildProgress(log) }));
    await warmEngine(engine);
  } catch (error) {
    database.close();
    await health?.close();
    throw error;
  }
  const startupSeconds = (performance.now() - started) / 1000;
  const { counts, model } = engine.index.manifest;
  log.info(
    {
      documents: counts.documents,
      chunks: counts.chunks,
      events: counts.events,
      model: model.id,
      seconds: tenths(startupSeconds),
      built: build !== null,
      story: story.id,
      pid: process.pid,
    },
    `index ready: ${plural(counts.documents, 'document')}, ${plural(counts.chunks, 'chunk')}, model ${model.id} (${build ? 'built, ' : ''}loaded and warmed in ${tenths(startupSeconds)} s)`,
  );

  const acks = new AcknowledgmentTracker();
  const holderOptions = { beforeCompute: () => acks.settled(), onRebuilt: (outcome: 'ok' | 'failed') => metrics.recordRebuild(outcome) };
  const engineHolder = new EngineHolder(engine, storySettings, log, holderOptions);
  const storyEngines = new StoryEngines(stories, story, engineHolder, config.engine, log, holderOptions, database.channels);
  bot = createBot({
    config: config.discord,
    stories: storyEngines,
    acks,
    log,
    metrics,
    feedback: database.feedback,
    ...(options.rest ? { rest: options.rest } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.shutdownGraceMs !== undefined ? { shutdownGraceMs: options.shutdownGraceMs } : {}),
    ...(options.readyTimeoutMs !== undefined ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
  });
  const running = bot;
  try {
    await running.login();
  } catch (error) {
    await engine.embedder.close().catch(() => undefined);
    database.close();
    await health?.close();
    throw error;
  }
  const stop = async () => {
    const report = await running.stop();
    database.close();
    await health?.close();
    return report;
  };
  return { client: running.client as Client<true>, bot: running, engineHolder, log, config, health, startupSeconds, stop };
}

/** The health server when HEALTH_PORT is set (loopback only), else null. */
async function startHealth(
  config: DiscordConfig,
  metrics: BotMetrics,
  status: () => HealthStatus,
  log: Logger,
): Promise<HealthServer | null> {
  if (config.healthPort === null) return null;
  const server = await startHealthServer({ port: config.healthPort, status, registry: metrics.registry });
  log.info({ url: server.url }, `health endpoints: ${server.url}/healthz and ${server.url}/metrics`);
  return server;
}

/** `npm start`: the bot as a process; SIGINT/SIGTERM stop it cleanly with exit code 0. */
export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config;
  try {
    config = loadBotConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  const log = botLogger(config.discord, config.engine);
  process.on('unhandledRejection', (reason) => log.error({ error: errorDetails(reason) }, 'unhandled promise rejection'));
  process.on('uncaughtException', (error) => {
    // Handlers catch their own errors; this is a bug elsewhere: log it and let the supervisor restart us.
    log.fatal({ error: errorDetails(error) }, 'uncaught exception: exiting');
    process.exit(1);
  });

  let handle: BotHandle | null = null;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals | 'orphaned') => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(
      signal === 'orphaned'
        ? 'the parent process is gone (npm was signalled on its own): shutting down'
        : `${signal} received: shutting down`,
    );
    if (!handle) process.exit(0); // still starting: nothing to finish
    handle.stop().then(
      // Abandoned answers make the shutdown unclean: a supervisor sees it in the exit code.
      ({ abandoned }) => process.exit(abandoned > 0 ? UNCLEAN_SHUTDOWN_EXIT_CODE : 0),
      (error: unknown) => {
        log.error({ error: errorDetails(error) }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  watchParent(() => shutdown('orphaned'));

  try {
    handle = await startBot({ env: process.env, log });
  } catch (error) {
    log.fatal({ error: errorDetails(error) }, 'could not start the bot');
    const tokenRejected = (error as { code?: unknown }).code === 'TokenInvalid';
    const message = tokenRejected
      ? 'Discord rejected DISCORD_TOKEN (401). Reset the token in the Developer Portal and update .env. See README.md, section "Set up a Discord bot".'
      : isUserFacing(error)
        ? error.fullMessage
        : `could not start the bot: ${(error as Error).message ?? String(error)}`;
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  }
  if (stopping) await handle.stop().then(({ abandoned }) => process.exit(abandoned > 0 ? UNCLEAN_SHUTDOWN_EXIT_CODE : 0));
  const running = handle;
  void running.bot.fatal.then(async () => {
    // Already logged with what to do; a supervisor restarting on failure must see one.
    stopping = true;
    await running.stop().catch(() => undefined);
    process.exit(1);
  });
}

/** The exit code of a shutdown that abandoned answers after the grace period (a clean one exits 0). */
export const UNCLEAN_SHUTDOWN_EXIT_CODE = 1;

/** How often the bot checks that the process that started it is still there. */
const PARENT_CHECK_MS = 1000;

/**
 * Calls `onOrphaned` once the parent process exits. A supervisor that signals only npm's pid
 * kills npm and the shell it ran, not the bot: without this the bot would run on as an orphan
 * (re-parented to init) and answer questions nobody will stop.
 */
function watchParent(onOrphaned: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, PARENT_CHECK_MS);
  timer.unref();
}
