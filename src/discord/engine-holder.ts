import type { Logger } from 'pino';
import { StoryQaError } from '../util/errors';
import { loadEngine, warmEngine, type Engine } from '../engine';
import type { BuildProgress } from '../index/build';
import { rebuildInChildProcess, type RebuildSettings, type RebuildSummary } from './rebuild';

export class RebuildInProgressError extends StoryQaError {
  override readonly name = 'RebuildInProgressError';
  constructor(readonly startedAt: number) {
    super('A rebuild is already running.');
  }
}

export interface EngineHolderOptions {
  /**
   * Awaited before each computation: the bot waits there until every interaction received so far
   * is acknowledged, so a burst of questions is deferred first and answered after.
   */
  beforeCompute?: () => Promise<void>;
  /** Hears how each rebuild ended (for the metrics). */
  onRebuilt?: (outcome: 'ok' | 'failed') => void;
}

export interface RebuildOutcome {
  engine: Engine;
  build: RebuildSummary;
  previous: Engine;
}

/**
 * The engine the bot answers with. `/reindex` builds a new index in the background (in a child
 * process, see rebuild.ts) and swaps the new engine in with one assignment: a question takes the
 * engine once, when its computation starts, so questions asked during a rebuild are answered
 * from the old index and never see half of each. One rebuild at a time; a failed rebuild leaves
 * the current engine untouched.
 */
export class EngineHolder {
  private engine: Engine;
  private running: { startedAt: number; promise: Promise<RebuildOutcome>; cancel: () => void } | null = null;
  /** Answers in progress per engine, so an encoder replaced by a rebuild is closed only when idle. */
  private readonly users = new Map<Engine, number>();
  private readonly retired = new Set<Engine>();
  /** The tail of the queue of computations (see `use`). */
  private lane: Promise<void> = Promise.resolve();
  private readonly beforeCompute: (() => Promise<void>) | null;

  constructor(
    engine: Engine,
    private readonly settings: RebuildSettings,
    private readonly log: Logger,
    private readonly options: EngineHolderOptions = {},
  ) {
    this.engine = engine;
    this.beforeCompute = options.beforeCompute ?? null;
  }

  get current(): Engine {
    return this.engine;
  }

  /** When the running rebuild started (epoch ms), or null. */
  get rebuildStartedAt(): number | null {
    return this.running?.startedAt ?? null;
  }

  /**
   * Runs `fn` with the current engine (a swap meanwhile does not affect it). Answers are computed
   * one at a time, after giving the event loop a turn: encoding and search run on the main
   * thread, so a burst of questions would otherwise hold back the acknowledgments (and gateway
   * heartbeats) of the interactions behind them. Nothing waits behind more than one answer.
   */
  use<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    const run = this.lane.then(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.beforeCompute) await this.beforeCompute();
      const engine = this.engine;
      this.users.set(engine, (this.users.get(engine) ?? 0) + 1);
      try {
        return await fn(engine);
      } finally {
        const left = (this.users.get(engine) ?? 1) - 1;
        if (left > 0) this.users.set(engine, left);
        else {
          this.users.delete(engine);
          if (this.retired.has(engine)) this.closeRetired(engine);
        }
      }
    });
    this.lane = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Rebuilds the index from the corpus and swaps the new engine in. Throws
   * RebuildInProgressError when one is already running; a failing build rejects and keeps the
   * old engine.
   */
  rebuild(onProgress?: (progress: BuildProgress) => void): Promise<RebuildOutcome> {
    if (this.running) throw new RebuildInProgressError(this.running.startedAt);
    const build = rebuildInChildProcess({ settings: this.settings, log: this.log, ...(onProgress ? { onProgress } : {}) });
    const promise = this.swapIn(build.done)
      .then(
        (outcome) => {
          this.options.onRebuilt?.('ok');
          return outcome;
        },
        (error: unknown) => {
          this.options.onRebuilt?.('failed');
          throw error;
        },
      )
      .finally(() => {
        this.running = null;
      });
    this.running = { startedAt: Date.now(), promise, cancel: build.cancel };
    return promise;
  }

  /** Cancels a running rebuild (at shutdown); the published index is unchanged. */
  cancelRebuild(): void {
    this.running?.cancel();
  }

  private async swapIn(built: Promise<RebuildSummary>): Promise<RebuildOutcome> {
    const summary = await built;
    const previous = this.engine;
    const engine = await loadEngine(summary.dir, this.settings, this.log, previous.embedder);
    const { embedder } = engine;
    if (embedder !== previous.embedder) await warmEngine(engine);
    this.engine = engine;
    if (embedder !== previous.embedder) {
      this.retired.add(previous);
      if (!this.users.has(previous)) this.closeRetired(previous);
    }
    return { engine, build: summary, previous };
  }

  private closeRetired(engine: Engine): void {
    this.retired.delete(engine);
    if (engine.embedder === this.engine.embedder) return;
    engine.embedder.close().catch((error: unknown) => this.log.warn({ error: String(error) }, 'closing the previous encoder failed'));
  }

  /** Closes the current encoder (at shutdown, once no answer uses it). */
  async close(): Promise<void> {
    await this.engine.embedder.close();
  }
}
