/**
 * Per-user cooldown and a global cap on answers computed at the same time. Both are checked
 * synchronously before an interaction is acknowledged, so a refusal can be an ephemeral reply.
 */

export type Admission = { ok: true; release: () => void } | { ok: false; reason: 'cooldown' | 'busy'; retryAt: number; active: number };

export interface AnswerLimitsOptions {
  /** Seconds a user waits between two questions; 0 turns the cooldown off. */
  cooldownSeconds: number;
  /** Answers computed at the same time, across all users. */
  maxConcurrent: number;
  now?: () => number;
}

/** First guess at how long an answer takes, before any was measured. */
const INITIAL_ANSWER_MS = 1000;
const SWEEP_EVERY = 500;

export class AnswerLimits {
  private readonly cooldownMs: number;
  private readonly maxConcurrent: number;
  private readonly now: () => number;
  /** User id → when their last accepted question may be followed by another. */
  private readonly nextAllowed = new Map<string, number>();
  /** Start times of the answers being computed. */
  private readonly running = new Set<{ startedAt: number }>();
  private averageMs = INITIAL_ANSWER_MS;
  private admissions = 0;

  constructor(options: AnswerLimitsOptions) {
    this.cooldownMs = Math.max(0, options.cooldownSeconds * 1000);
    this.maxConcurrent = Math.max(1, options.maxConcurrent);
    this.now = options.now ?? Date.now;
  }

  get active(): number {
    return this.running.size;
  }

  /**
   * Admits one unit of work, or says when to try again. `cooldown: true` for questions (the
   * user's cooldown starts now); `false` for work that only counts against the global cap.
   */
  tryStart(userId: string, options: { cooldown: boolean }): Admission {
    const now = this.now();
    if (options.cooldown && this.cooldownMs > 0) {
      const allowedAt = this.nextAllowed.get(userId) ?? 0;
      if (allowedAt > now) return { ok: false, reason: 'cooldown', retryAt: allowedAt, active: this.running.size };
    }
    if (this.running.size >= this.maxConcurrent) {
      return { ok: false, reason: 'busy', retryAt: this.estimateFreeSlot(now), active: this.running.size };
    }
    if (options.cooldown && this.cooldownMs > 0) {
      this.nextAllowed.set(userId, now + this.cooldownMs);
      if (++this.admissions % SWEEP_EVERY === 0) this.sweep(now);
    }
    const entry = { startedAt: now };
    this.running.add(entry);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running.delete(entry);
        // Exponential moving average of answer durations: what "try again in…" is based on.
        this.averageMs = 0.8 * this.averageMs + 0.2 * (this.now() - entry.startedAt);
      },
    };
  }

  /** When the oldest running answer should be done (at least a second from now). */
  private estimateFreeSlot(now: number): number {
    let oldest = now;
    for (const entry of this.running) oldest = Math.min(oldest, entry.startedAt);
    return Math.max(now + 1000, oldest + this.averageMs);
  }

  private sweep(now: number): void {
    for (const [user, allowedAt] of this.nextAllowed) if (allowedAt <= now) this.nextAllowed.delete(user);
  }
}
