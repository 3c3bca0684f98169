/**
 * Helpers for the bot's end-to-end tests: the REAL bot (`startBot`, as `npm start` runs it)
 * against the Discord emulator, in this process; its JSON logs captured from stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { RESTOptions } from 'discord.js';
import { deployCommands } from '../../src/discord/deploy-commands';
import { startBot, type BotHandle } from '../../src/discord/start';
import type { SlashCommand } from '../../src/discord/types';
import { REPO_ROOT, SHARED_CACHE, STORY_CORPUS, STORY_INDEX, tempDir } from '../support/paths';
import { startDiscordEmulator, type DiscordEmulator, type DiscordEmulatorOptions, type JsonObject, type RecordedRequest } from './emulator';

/** Looks like a real bot token (three dot-separated parts), which the config insists on. */
export const TOKEN = 'MTE5ODc2NTQzMjEwOTg3NjU0Mw.GxYz12.emulatorSecretPart_abcdefghijklmnopq';

/** The settings `npm start` would read, pointing at the emulator and (by default) the story index. */
export function botEnv(emu: DiscordEmulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: emu.applicationId,
    DISCORD_GUILD_ID: emu.guildId,
    DISCORD_API_URL: emu.apiUrl,
    CORPUS_DIR: STORY_CORPUS,
    INDEX_DIR: STORY_INDEX,
    CACHE_DIR: SHARED_CACHE,
    EMBEDDING_MODEL: 'bundled',
    MODELS_DIR: path.join(REPO_ROOT, 'models'),
    LOG_LEVEL: 'info',
    ASK_COOLDOWN_SECONDS: '0',
    MAX_CONCURRENT_ANSWERS: '4',
    TIMELINE_BUTTON_TIMEOUT_SECONDS: '300',
    // Each bot its own database: channel bindings made by one test never reach another.
    DATA_DIR: tempDir('bot-data-'),
    ...overrides,
  };
}

/**
 * Everything written to process.stdout (where the bot logs) while active, kept instead of
 * printed. Set DEBUG_BOT_LOGS=1 to see it as well.
 */
export class StdoutCapture {
  private chunks: string[] = [];
  private original: typeof process.stdout.write | null = null;

  start(): void {
    if (this.original) return;
    const original = process.stdout.write.bind(process.stdout);
    this.original = process.stdout.write;
    const echo = process.env.DEBUG_BOT_LOGS === '1';
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      if (echo) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }

  stop(): void {
    if (this.original) process.stdout.write = this.original;
    this.original = null;
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** The JSON log lines (pino), parsed. */
  get lines(): JsonObject[] {
    return this.text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => {
        try {
          return JSON.parse(line) as JsonObject;
        } catch {
          return { unparsed: line };
        }
      });
  }
}

export interface BotSuite {
  emu: DiscordEmulator;
  bot: BotHandle;
  logs: StdoutCapture;
}

export interface BotSuiteOptions {
  emulator?: DiscordEmulatorOptions;
  /** Extra settings (LOG_LEVEL, ASK_COOLDOWN_SECONDS…), or a function of the emulator. */
  env?: Record<string, string> | ((emu: DiscordEmulator) => Record<string, string>);
  rest?: Partial<RESTOptions>;
  commands?: readonly SlashCommand[];
  /** Registers the commands (deploy-commands) first, so the emulator checks options against them. */
  deploy?: boolean;
  shutdownGraceMs?: number;
}

/**
 * One emulator and one real bot per describe block: commands deployed, bot started (index
 * loaded, encoder warmed, logged in, guild cached); torn down in the safe order (bot first).
 */
export function useBot(options: BotSuiteOptions = {}): BotSuite {
  const suite = { logs: new StdoutCapture() } as BotSuite;
  beforeAll(async () => {
    suite.emu = await startDiscordEmulator({ token: TOKEN, ...options.emulator });
    const extra = typeof options.env === 'function' ? options.env(suite.emu) : (options.env ?? {});
    const env = botEnv(suite.emu, extra);
    if (options.deploy !== false) {
      await deployCommands(
        { token: TOKEN, clientId: suite.emu.applicationId, guildId: suite.emu.guildId, apiUrl: suite.emu.apiUrl },
        options.commands ? { commands: options.commands } : {},
      );
    }
    suite.logs.start();
    suite.bot = await startBot({
      env,
      ...(options.rest ? { rest: options.rest } : {}),
      ...(options.commands ? { commands: options.commands } : {}),
      ...(options.shutdownGraceMs !== undefined ? { shutdownGraceMs: options.shutdownGraceMs } : {}),
    });
  });
  afterAll(async () => {
    try {
      await suite.bot?.stop();
      await suite.emu?.close();
    } finally {
      suite.logs.stop();
    }
  });
  return suite;
}

/** Bodies of every message the bot sent or edited (callbacks with a message, edits, follow-ups, channel messages). */
export function messageBodies(emu: DiscordEmulator, since = 0): { request: RecordedRequest; body: JsonObject }[] {
  const out: { request: RecordedRequest; body: JsonObject }[] = [];
  for (const request of emu.requests) {
    if (request.receivedAt < since || !request.body) continue;
    const { method, path: p } = request;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) {
      const data = request.body.data as JsonObject | undefined;
      if ([4, 7].includes(Number(request.body.type)) && data) out.push({ request, body: data });
    } else if (
      (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(p)) ||
      (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(p))
    ) {
      out.push({ request, body: request.body });
    } else if ((method === 'POST' || method === 'PATCH') && /^\/channels\/\d+\/messages(\/\d+)?$/.test(p)) {
      out.push({ request, body: request.body });
    }
  }
  return out;
}

/** Messages whose `allowed_mentions` would let something ping (anything but `parse: []`). */
export function mentionLeaks(emu: DiscordEmulator, since = 0): { path: string; allowed: unknown }[] {
  return messageBodies(emu, since)
    .filter(({ body }) => {
      const allowed = body.allowed_mentions as JsonObject | undefined;
      return (
        !allowed ||
        !Array.isArray(allowed.parse) ||
        allowed.parse.length !== 0 ||
        (allowed.users?.length ?? 0) > 0 ||
        (allowed.roles?.length ?? 0) > 0
      );
    })
    .map(({ request, body }) => ({ path: `${request.method} ${request.path}`, allowed: body.allowed_mentions }));
}

const EPHEMERAL = 64;
export const isEphemeral = (body: JsonObject): boolean => (Number(body.flags ?? 0) & EPHEMERAL) !== 0;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * A corpus with many dated events: `documents` short reports on a (made-up) bridge project,
 * each with three dated sentences. Enough for a timeline of several pages and a /sources list
 * longer than one message. Returns the folder.
 */
export function writeBridgeCorpus(dir: string, documents = 60): string {
  mkdirSync(dir, { recursive: true });
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const actors = [
    'the city council',
    'the county engineer',
    'the contractor Halvorsen & Sons',
    'the river authority',
    'the residents’ association',
    'the mayor, Ingrid Lund',
  ];
  const actions = [
    'approved a revised budget for the steel arches of the Riverside bridge',
    'reported that the eastern pier had been poured ahead of schedule',
    'raised concerns about noise from night work on the north bank',
    'published an inspection report on the temporary scaffolding',
    'asked for the footpath on the west side to be widened by half a metre',
    'confirmed that the navigation channel would stay open to barges',
    'announced a two-week closure of the riverside road for crane deliveries',
  ];
  for (let i = 0; i < documents; i++) {
    const month = i % 12;
    const day = (i % 27) + 1;
    const date = `2021-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const paragraphs = [0, 1, 2].map((k) => {
      const d = Math.min(28, day + k);
      const actor = actors[(i + k) % actors.length]!;
      const action = actions[(i * 3 + k) % actions.length]!;
      return `On ${d} ${months[month]} 2021, ${actor} ${action}.`;
    });
    const body = `---\ntitle: Riverside bridge project, report ${i + 1}\ndate: ${date}\n---\n${paragraphs.join('\n\n')}\n`;
    writeFileSync(path.join(dir, `report-${String(i + 1).padStart(3, '0')}.md`), body);
  }
  return dir;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
