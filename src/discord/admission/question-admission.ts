import { AnswerQueue, DEFAULT_QUEUE_CAPACITY, DEFAULT_WAIT_NOTICE_MS } from './answer-queue';
import { DEFAULT_BUCKET_CAPACITY, TokenBucket } from './token-bucket';

/** Why a question is not taken now. */
export type Refusal = { reason: 'cooldown'; retryAt: number } | { reason: 'busy'; running: number; waiting: number };

/** Runs the admitted question's work when its turn comes; `onWaiting` hears its place in line after a wait. */
export type AdmittedRun = <T>(job: () => Promise<T>, onWaiting?: (position: number) => unknown) => Promise<T>;

/**
 * An admitted question holds its place in line from the moment it is admitted (so that questions
 * admitted together cannot overfill the queue); `run` gives it its work, `cancel` gives the place up.
 */
export type Admission = { ok: true; run: AdmittedRun; cancel: () => void } | { ok: false; refusal: Refusal };

export interface QuestionAdmissionOptions {
  /** Seconds for a user to earn back one question; 0: no per-user limit. */
  cooldownSeconds: number;
  /** Questions a user may ask in a row (the bucket's size). */
  burst?: number | undefined;
  /** Answers computed at the same time. */
  concurrency: number;
  /** Questions that may wait for a slot; past that, a question is refused as busy. */
  capacity?: number | undefined;
  waitNoticeMs?: number | undefined;
  now?: (() => number) | undefined;
}

/**
 * Whether the bot takes a question now: a per-user token bucket (a conversation flows, a flood
 * does not), then a bounded FIFO queue shared by everyone (a burst waits its turn instead of
 * being refused). Decided synchronously, so a refusal can still be an ephemeral reply.
 */
export class QuestionAdmission {
  private readonly bucket: TokenBucket;
  private readonly queue: AnswerQueue<string>;

  constructor(options: QuestionAdmissionOptions) {
    this.bucket = new TokenBucket({
      cooldownSeconds: options.cooldownSeconds,
      capacity: options.burst ?? DEFAULT_BUCKET_CAPACITY,
      now: options.now,
    });
    this.queue = new AnswerQueue({
      concurrency: options.concurrency,
      capacity: options.capacity ?? DEFAULT_QUEUE_CAPACITY,
      waitNoticeMs: options.waitNoticeMs ?? DEFAULT_WAIT_NOTICE_MS,
    });
  }

  get running(): number {
    return this.queue.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** A question from `userId`: spends one of their tokens and takes a place in line, or says why not. */
  admit(userId: string): Admission {
    const taken = this.bucket.take(userId);
    if (!taken.ok) return { ok: false, refusal: { reason: 'cooldown', retryAt: taken.retryAt } };
    if (this.queue.full) {
      this.bucket.refund(userId); // refused for the bot's load, not the user's pace
      return { ok: false, refusal: { reason: 'busy', running: this.queue.running, waiting: this.queue.length } };
    }
    return this.reserve(userId);
  }

  /** Other work that shares the answer slots but not the per-user limit (a timeline); refused when the queue is full. */
  shared(): Admission {
    if (this.queue.full) return { ok: false, refusal: { reason: 'busy', running: this.queue.running, waiting: this.queue.length } };
    return this.reserve(undefined);
  }

  private reserve(userId: string | undefined): Admission {
    let give: (job: (() => Promise<unknown>) | null) => void = () => undefined;
    const work = new Promise<(() => Promise<unknown>) | null>((resolve) => (give = resolve));
    let notice: ((position: number) => unknown) | undefined;
    const done = this.queue.submit(
      async () => {
        const job = await work;
        return job ? job() : undefined;
      },
      { meta: userId, onWaiting: (position) => notice?.(position) },
    );
    return {
      ok: true,
      run: <T>(job: () => Promise<T>, onWaiting?: (position: number) => unknown) => {
        notice = onWaiting;
        give(job);
        return done as Promise<T>;
      },
      cancel: () => {
        give(null);
        done.catch(() => undefined);
      },
    };
  }

  /** For shutdown: see AnswerQueue.drain. */
  drain(timeoutMs: number) {
    return this.queue.drain(timeoutMs);
  }
}
