/**
 * Per-user rate limit that lets a conversation flow: a user holds up to `capacity` tokens, each
 * question spends one, and one comes back every `cooldownSeconds`. So a follow-up right after an
 * answer is fine, a burst of a few questions is fine, and a flood is held to one per cooldown.
 */

/** `retryAt`: when the user's next token is earned, in the milliseconds of `now` (Date.now by default). */
export type TakeResult = { ok: true } | { ok: false; retryAt: number };

export interface TokenBucketOptions {
  /** Seconds to earn one token back; 0 turns the limit off. */
  cooldownSeconds: number;
  /** Questions a user may ask in a row before waiting for the cooldown. */
  capacity?: number | undefined;
  now?: (() => number) | undefined;
}

/** Three questions at once: a question and two follow-ups before anyone waits. */
export const DEFAULT_BUCKET_CAPACITY = 3;
/** How often full buckets are forgotten, so that memory holds only users who asked recently. */
const SWEEP_INTERVAL_MS = 60_000;

export class TokenBucket {
  private readonly capacity: number;
  private readonly refillMs: number;
  private readonly now: () => number;
  /**
   * User → when their bucket will be full again. One number per user instead of a token count
   * and a time (the "generic cell rate" form of a token bucket): exact, and a bucket is full
   * exactly when that time has passed.
   */
  private readonly fullAt = new Map<string, number>();
  private lastSweep: number;

  constructor(options: TokenBucketOptions) {
    this.capacity = Math.max(1, Math.floor(options.capacity ?? DEFAULT_BUCKET_CAPACITY));
    this.refillMs = Math.max(0, options.cooldownSeconds * 1000);
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Users remembered: only those whose bucket is not full yet. */
  get size(): number {
    return this.fullAt.size;
  }

  /** Spends one of the user's tokens, or says when the next one is earned. */
  take(userId: string): TakeResult {
    if (this.refillMs === 0) return { ok: true };
    const now = this.now();
    this.sweepIfDue(now);
    const fullAt = Math.max(now, this.fullAt.get(userId) ?? now);
    // Tokens missing from a full bucket: (fullAt - now) / refillMs. One must be left to spend.
    const earliest = fullAt - (this.capacity - 1) * this.refillMs;
    if (earliest > now) return { ok: false, retryAt: earliest };
    this.fullAt.set(userId, fullAt + this.refillMs);
    return { ok: true };
  }

  /** Gives a token back, for a question that was taken but never answered (the queue was full). */
  refund(userId: string): void {
    const fullAt = this.fullAt.get(userId);
    if (fullAt === undefined) return;
    if (fullAt - this.refillMs <= this.now()) this.fullAt.delete(userId);
    else this.fullAt.set(userId, fullAt - this.refillMs);
  }

  private sweepIfDue(now: number): void {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [user, fullAt] of this.fullAt) if (fullAt <= now) this.fullAt.delete(user);
  }
}
