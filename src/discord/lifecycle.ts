import { Events, Routes, Status, type Client } from 'discord.js';
import type { Logger } from 'pino';
import type { HealthStatus } from '../health';
import { StoryQaError } from '../util/errors';
import type { StoryEngines } from './story-engines';
import type { Pager } from './pager';

/**
 * Gateway close codes after which discord.js does not reconnect: the bot cannot go on, and a
 * supervisor must see a failure (non-zero exit), with what to fix.
 */
const FATAL_CLOSE_HINTS: ReadonlyMap<number, string> = new Map([
  [4004, 'Discord rejected DISCORD_TOKEN (authentication failed): the token was reset or revoked. Put the current token in .env.'],
  [4010, 'Discord says the shard sent was invalid. This is a bug: report it.'],
  [4011, 'Discord requires sharding for this many servers. This bot runs one shard: report it.'],
  [4012, 'Discord rejected the gateway API version. Update discord.js.'],
  [4013, 'Discord rejected the gateway intents as invalid. This is a bug: report it.'],
  [
    4014,
    'Discord refused a privileged intent: turn on the Message Content Intent in the Developer Portal (Bot → Privileged Gateway Intents), README.md "Set up a Discord bot", step 3.',
  ],
]);

/** The gateway did not become ready within the timeout at start-up: nothing answered there. */
export class GatewayUnreachableError extends StoryQaError {
  override readonly name = 'GatewayUnreachableError';
  constructor(
    readonly apiUrl: string,
    readonly gatewayUrl: string | null,
    readonly waitedMs: number,
  ) {
    super(`The Discord gateway${gatewayUrl ? ` (${gatewayUrl})` : ''} did not become ready within ${Math.round(waitedMs / 1000)} s.`, {
      hint: `Check that DISCORD_API_URL (${apiUrl}) is right and that this machine can reach Discord; the gateway URL comes from GET /gateway/bot there.`,
    });
  }
}

/** The gateway closed with a code after which the bot cannot reconnect. */
export class GatewayClosedError extends StoryQaError {
  override readonly name = 'GatewayClosedError';
  constructor(readonly code: number) {
    super(`The Discord gateway closed the connection with code ${code}.`, { hint: FATAL_CLOSE_HINTS.get(code) });
  }

  static isFatal(code: number): boolean {
    return FATAL_CLOSE_HINTS.has(code);
  }
}

/** Default wait for the gateway to become ready at login. */
export const READY_TIMEOUT_MS = 30_000;
/** How long naming the gateway URL in a start-up error may take. */
const GATEWAY_URL_LOOKUP_MS = 2000;
/** Default wait for answers in flight at shutdown before they are abandoned. */
export const SHUTDOWN_GRACE_MS = 5000;
/** How long the apologies to users whose answers are abandoned may take, on top of the grace period. */
const APOLOGY_TIMEOUT_MS = 2000;

/** What a user whose answer a shutdown abandoned is told. */
export const RESTART_APOLOGY = 'Sorry, I’m restarting and could not finish answering this. Please ask again in a minute.';

/** How a shutdown went: `abandoned` handlers were still running after the grace period. */
export interface ShutdownReport {
  abandoned: number;
}

/**
 * Logging in and shutting down: tracks the work in flight so a stop can wait for it, destroys
 * the client on a failed login, and closes what the bot holds (pager, rebuild, encoder) in order.
 */
export class BotLifecycle {
  /** Work still running, with how to apologize to its user if a shutdown abandons it. */
  private readonly inFlight = new Map<Promise<void>, (() => Promise<unknown>) | null>();
  private stopped: Promise<ShutdownReport> | null = null;
  private isStopping = false;
  private reportFatal: (error: GatewayClosedError) => void = () => undefined;
  /** Settles when the gateway closes for good (a revoked token, a refused intent): the process should exit non-zero. */
  readonly fatal = new Promise<GatewayClosedError>((resolve) => (this.reportFatal = resolve));

  constructor(
    private readonly client: Client,
    private readonly parts: { stories: StoryEngines; pager: Pager; log: Logger; token: string; apiUrl: string },
    private readonly timing: { readyTimeoutMs: number; shutdownGraceMs: number },
  ) {}

  get stopping(): boolean {
    return this.isStopping;
  }

  get running(): number {
    return this.inFlight.size;
  }

  /** Healthy while logged in with every gateway shard ready and not shutting down (what `/healthz` reports). */
  health(): HealthStatus {
    if (this.isStopping) return { healthy: false, reason: 'shutting down' };
    if (!this.client.isReady()) return { healthy: false, reason: 'not connected to the Discord gateway yet' };
    const down = this.client.ws.shards.find((shard) => shard.status !== Status.Ready);
    if (down) return { healthy: false, reason: `Discord gateway disconnected (${Status[down.status]})` };
    return { healthy: true };
  }

  /** Called with a gateway close code; a fatal one is logged with what to do and settles `fatal`. */
  closed(code: number): void {
    if (this.isStopping || !GatewayClosedError.isFatal(code)) return;
    const error = new GatewayClosedError(code);
    this.parts.log.error({ code, hint: error.hint }, error.fullMessage);
    this.reportFatal(error);
  }

  /** Registers work so `stop()` waits for it; `apologize` tells its user if the shutdown abandons it. */
  track(work: Promise<void>, apologize?: () => Promise<unknown>): void {
    this.inFlight.set(work, apologize ?? null);
    void work.finally(() => this.inFlight.delete(work));
  }

  /**
   * Logs in and resolves once the guilds are cached (clientReady); destroys the client on failure.
   * `client.login()` itself never settles while the gateway cannot be reached, so the timeout
   * races it (GatewayUnreachableError).
   */
  async login(): Promise<void> {
    const { client } = this;
    const { readyTimeoutMs } = this.timing;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        void this.gatewayUrl().then((url) => reject(new GatewayUnreachableError(this.parts.apiUrl, url, readyTimeoutMs)));
      }, readyTimeoutMs);
    });
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    try {
      await Promise.race([client.login(this.parts.token).then(() => ready), timedOut]);
    } catch (error) {
      await client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The gateway URL Discord's REST API hands out, to name it in an error (null if that fails too). */
  private async gatewayUrl(): Promise<string | null> {
    try {
      const answer = (await Promise.race([
        this.client.rest.get(Routes.gatewayBot()),
        new Promise((resolve) => setTimeout(() => resolve(null), GATEWAY_URL_LOOKUP_MS)),
      ])) as { url?: string } | null;
      return answer?.url ?? null;
    } catch {
      return null;
    }
  }

  /** Stops taking work, waits for answers in flight (up to the grace period), destroys the client. Idempotent. */
  stop(): Promise<ShutdownReport> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<ShutdownReport> {
    const { stories, pager, log } = this.parts;
    this.isStopping = true;
    const graceMs = this.timing.shutdownGraceMs;
    if (this.inFlight.size > 0) log.info({ inFlight: this.inFlight.size }, 'stopping: waiting for answers in flight');
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.allSettled([...this.inFlight.keys()]).then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    const abandoned = drained ? 0 : this.inFlight.size;
    if (!drained) {
      log.warn({ abandoned }, `stopping: abandoning ${abandoned} unfinished handler(s) after ${graceMs} ms`);
      await this.apologize();
    }
    if (await stories.cancelRebuilds()) log.warn('stopping during a rebuild: it is cancelled; the published index is unchanged');
    pager.close();
    await this.client.destroy();
    // The encoder can go once nothing uses it; abandoned work may still hold it.
    if (drained) await stories.close();
    log.info({ abandoned }, 'stopped');
    return { abandoned };
  }

  /** Tells the users of abandoned work that their answer is not coming, before the client goes. */
  private async apologize(): Promise<void> {
    const apologies = [...this.inFlight.values()].filter((apologize) => apologize !== null);
    let timer: NodeJS.Timeout | undefined;
    const sent = await Promise.race([
      Promise.allSettled(apologies.map((apologize) => apologize())).then(
        (results) => results.filter((r) => r.status === 'fulfilled').length,
      ),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), APOLOGY_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    this.parts.log.info({ apologies: apologies.length, sent }, 'stopping: told the users of abandoned answers');
  }
}
