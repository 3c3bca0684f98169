import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { StoryQaError } from '../util/errors';

/**
 * Every setting the product reads, validated in one place. Values come from the environment
 * (and `.env`, loaded by the entry points); `.env.example` documents each one.
 */

const SETUP_HINT = 'See README.md, section "Set up a Discord bot".';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const positiveInt = (fallback: number) =>
  z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive').default(fallback);

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');

const engineSchema = z.object({
  CORPUS_DIR: z.string().min(1).default('corpus'),
  DEFAULT_STORY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  INDEX_DIR: z.string().min(1).default('data/index'),
  CACHE_DIR: z.string().min(1).default('data/cache'),
  EMBEDDING_MODEL: z.string().min(1).default('auto'),
  MODELS_DIR: z.string().min(1).default('models'),
  ALLOW_REMOTE_MODELS: flag.default('false'),
  EMBED_WORKERS: positiveInt(Math.min(availableParallelism(), 4)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const discordSchema = z.object({
  DISCORD_TOKEN: z
    .string({ message: 'is missing' })
    .min(1, 'is missing')
    // Discord tokens are three base64url parts joined by dots.
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three parts separated by dots)'),
  DISCORD_CLIENT_ID: snowflake.optional().refine((v) => v !== undefined, 'is missing'),
  DISCORD_GUILD_ID: z.preprocess((v) => (v === '' ? undefined : v), snowflake.optional()),
  DISCORD_API_URL: z
    .string()
    .url('must be a URL such as https://discord.com/api')
    .refine((v) => !/\/v\d+\/?$/.test(v), 'must not end with a version (/v10): discord.js adds it')
    .transform((v) => v.replace(/\/+$/, ''))
    .default('https://discord.com/api'),
  ASK_COOLDOWN_SECONDS: z.coerce.number({ message: 'must be a number' }).min(0, 'must be 0 or more').default(10),
  MAX_CONCURRENT_ANSWERS: positiveInt(4),
  ASK_BURST: positiveInt(3),
  ANSWER_QUEUE_SIZE: positiveInt(200),
  TIMELINE_BUTTON_TIMEOUT_SECONDS: positiveInt(300),
  DATA_DIR: z.string().min(1).default('data'),
  ADD_ALLOW_PRIVATE_HOSTS: flag.default('false'),
  HEALTH_PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (any free port) to 65535')
    .max(65535, 'must be 0 (any free port) to 65535')
    .optional(),
});

export type EngineConfig = {
  corpusDir: string;
  indexDir: string;
  /** The story answered when none is chosen (DEFAULT_STORY); null: the first one. */
  defaultStory: string | null;
  cacheDir: string;
  embeddingModel: string;
  modelsDir: string;
  allowRemoteModels: boolean;
  embedWorkers: number;
  logLevel: z.infer<typeof engineSchema>['LOG_LEVEL'];
};

export type DiscordConfig = {
  token: string;
  clientId: string;
  guildId: string | null;
  apiUrl: string;
  askCooldownSeconds: number;
  maxConcurrentAnswers: number;
  /** Questions a user may ask in a row before the cooldown applies. */
  askBurst: number;
  /** Questions that may wait for an answer slot; one more is refused as busy. */
  answerQueueSize: number;
  timelineButtonTimeoutSeconds: number;
  /** Where the bot keeps its database (channel settings, feedback). */
  dataDir: string;
  /** Let `/add` fetch from loopback, private and other non-public addresses (off: SSRF). */
  addAllowPrivateHosts: boolean;
  /** Serve `/healthz` and `/metrics` on 127.0.0.1 at this port (0: any free one); null: no health server. */
  healthPort: number | null;
};

/** Settings that fail validation; `problems` names each variable and what is wrong with it. */
export class ConfigError extends StoryQaError {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: string[],
    hint?: string,
  ) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}${hint ? `\n${hint}` : ''}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadEngineConfig(env: Env = process.env): EngineConfig {
  const values = parse(engineSchema, env);
  return {
    corpusDir: path.resolve(values.CORPUS_DIR),
    indexDir: path.resolve(values.INDEX_DIR),
    defaultStory: values.DEFAULT_STORY ?? null,
    cacheDir: path.resolve(values.CACHE_DIR),
    embeddingModel: values.EMBEDDING_MODEL,
    modelsDir: path.resolve(values.MODELS_DIR),
    allowRemoteModels: values.ALLOW_REMOTE_MODELS,
    embedWorkers: values.EMBED_WORKERS,
    logLevel: values.LOG_LEVEL,
  };
}

export function loadDiscordConfig(env: Env = process.env): DiscordConfig {
  const values = parse(discordSchema, env, SETUP_HINT);
  return {
    token: values.DISCORD_TOKEN,
    clientId: values.DISCORD_CLIENT_ID!,
    guildId: values.DISCORD_GUILD_ID ?? null,
    apiUrl: values.DISCORD_API_URL,
    askCooldownSeconds: values.ASK_COOLDOWN_SECONDS,
    maxConcurrentAnswers: values.MAX_CONCURRENT_ANSWERS,
    askBurst: values.ASK_BURST,
    answerQueueSize: values.ANSWER_QUEUE_SIZE,
    timelineButtonTimeoutSeconds: values.TIMELINE_BUTTON_TIMEOUT_SECONDS,
    dataDir: path.resolve(values.DATA_DIR),
    addAllowPrivateHosts: values.ADD_ALLOW_PRIVATE_HOSTS,
    healthPort: values.HEALTH_PORT ?? null,
  };
}

function parse<T extends z.ZodTypeAny>(schema: T, env: Env, hint?: string): z.infer<T> {
  // An empty variable in .env ("FOO=") means "not set", as most tools read it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new ConfigError(problems, hint);
}
