import { QueueClosedError, QueueFullError } from './errors';

export interface AnswerQueueOptions {
  /** Jobs run at the same time. */
  concurrency: number;
  /** Jobs that may wait; one more is refused with a QueueFullError. */
  capacity?: number | undefined;
  /** How long a job waits before its `onWaiting` is called. */
  waitNoticeMs?: number | undefined;
}

export interface SubmitOptions<Meta> {
  /** Who the job is for, handed back by `drain()` if the job is abandoned. */
  meta?: Meta | undefined;
  /**
   * Called once if the job is still waiting after `waitNoticeMs`, with its place in line (1 = next).
   * Its failures are ignored: a notice that could not be shown must not cost the answer.
   */
  onWaiting?: ((position: number) => unknown) | undefined;
}

export interface DrainReport<Meta> {
  /** Jobs not finished by the deadline: still running (`started`), or dropped from the queue. */
  abandoned: { meta: Meta | undefined; started: boolean }[];
}

/** A few minutes of questions at a few per second: more waiting than that is better refused than queued. */
export const DEFAULT_QUEUE_CAPACITY = 200;
/** Answers usually take well under a second; past that the user is told where they are in line. */
export const DEFAULT_WAIT_NOTICE_MS = 1000;

interface Entry<Meta> {
  job: () => unknown;
  meta: Meta | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  notice: NodeJS.Timeout | null;
}

/**
 * Questions answered in the order they came, at most `concurrency` at a time: a busy bot makes
 * people wait their turn instead of refusing them, up to a bounded queue.
 */
export class AnswerQueue<Meta = undefined> {
  private readonly concurrency: number;
  private readonly capacity: number;
  private readonly waitNoticeMs: number;
  private readonly waiting: Entry<Meta>[] = [];
  private readonly active = new Set<Entry<Meta>>();
  private closed = false;
  private onIdle: (() => void) | null = null;

  constructor(options: AnswerQueueOptions) {
    this.concurrency = Math.max(1, options.concurrency);
    this.capacity = Math.max(0, options.capacity ?? DEFAULT_QUEUE_CAPACITY);
    this.waitNoticeMs = options.waitNoticeMs ?? DEFAULT_WAIT_NOTICE_MS;
  }

  /** Jobs waiting for a slot. */
  get length(): number {
    return this.waiting.length;
  }

  /** Jobs running now. */
  get running(): number {
    return this.active.size;
  }

  /** True when a job submitted now would be refused (every slot busy and the line at capacity). */
  get full(): boolean {
    return this.closed || (this.active.size >= this.concurrency && this.waiting.length >= this.capacity);
  }

  /**
   * Runs the job once a slot is free, resolving with its result or rejecting with its error.
   * Rejects at once with a QueueFullError when the queue is full, a QueueClosedError once draining.
   */
  submit<T>(job: () => T | Promise<T>, options: SubmitOptions<Meta> = {}): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError());
    const startsNow = this.active.size < this.concurrency;
    if (!startsNow && this.waiting.length >= this.capacity) return Promise.reject(new QueueFullError(this.capacity));
    return new Promise<T>((resolve, reject) => {
      const entry: Entry<Meta> = { job, meta: options.meta, resolve: resolve as (value: unknown) => void, reject, notice: null };
      if (startsNow) return this.start(entry);
      this.waiting.push(entry);
      const { onWaiting } = options;
      if (onWaiting) {
        entry.notice = setTimeout(() => {
          entry.notice = null;
          const position = this.waiting.indexOf(entry) + 1;
          Promise.resolve()
            .then(() => onWaiting(position))
            .catch(() => undefined);
        }, this.waitNoticeMs);
      }
    });
  }

  /**
   * For shutdown: refuses new jobs, lets the running and waiting ones finish for up to
   * `timeoutMs`, then drops the jobs still waiting (their promises reject with QueueClosedError)
   * and reports every job left unfinished, so that its user can be told.
   */
  async drain(timeoutMs: number): Promise<DrainReport<Meta>> {
    this.closed = true;
    if (this.active.size > 0) {
      let deadline: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.onIdle = resolve;
        deadline = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(deadline);
      this.onIdle = null;
    }
    const running = [...this.active].map((entry) => ({ meta: entry.meta, started: true }));
    const dropped = this.waiting.splice(0).map((entry) => {
      if (entry.notice) clearTimeout(entry.notice);
      entry.reject(new QueueClosedError());
      return { meta: entry.meta, started: false };
    });
    return { abandoned: [...running, ...dropped] };
  }

  private start(entry: Entry<Meta>): void {
    if (entry.notice) clearTimeout(entry.notice);
    this.active.add(entry);
    // A job that throws synchronously rejects its own promise like one that rejects: the queue goes on.
    Promise.resolve()
      .then(entry.job)
      .then(entry.resolve, entry.reject)
      .finally(() => {
        this.active.delete(entry);
        const next = this.waiting.shift();
        if (next) this.start(next);
        else if (this.active.size === 0) this.onIdle?.();
      });
  }
}
