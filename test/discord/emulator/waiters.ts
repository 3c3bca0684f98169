/**
 * Condition waiting for the emulator: a check is re-run whenever the emulator records
 * something (REST request, gateway event) and every `POLL_MS` (for checks on client-side
 * state, which changes without emulator activity); it resolves with the first result that is not
 * `undefined`/`null`/`false`, or rejects after a timeout with a message showing what the bot
 * did meanwhile (the emulator's diagnostics).
 */

export type Check<T> = () => T | undefined | null | false;

const POLL_MS = 20;

interface PendingWait {
  run(): void;
  fail(error: Error): void;
}

export class Waiters {
  private readonly pending = new Set<PendingWait>();
  private closedReason: string | null = null;
  private poller: NodeJS.Timeout | null = null;

  constructor(private readonly diagnostics: () => string) {}

  waitFor<T>(check: Check<T>, description: string, timeoutMs: number): Promise<T> {
    // Captured here so that a timeout's stack points at the test line that waited.
    const origin = new Error();
    const makeError = (message: string): Error => {
      const error = new Error(message);
      error.stack = `Error: ${message}\n${(origin.stack ?? '').split('\n').slice(1).join('\n')}`;
      return error;
    };

    return new Promise<T>((resolve, reject) => {
      if (this.closedReason) {
        reject(makeError(`[discord-emulator] cannot wait for ${description}: ${this.closedReason}`));
        return;
      }
      let done = false;
      let lastError: unknown = null;
      let timer: NodeJS.Timeout | undefined;
      const settle = (fn: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.pending.delete(wait);
        this.updatePoller();
        fn();
      };
      const wait: PendingWait = {
        run: () => {
          if (done) return;
          let result: T | undefined | null | false;
          try {
            result = check();
          } catch (error) {
            // A predicate reading a field that is not there yet: keep waiting, report it on timeout.
            lastError = error;
            return;
          }
          if (result !== undefined && result !== null && result !== false) settle(() => resolve(result as T));
        },
        fail: (error) => settle(() => reject(error)),
      };

      wait.run();
      if (done) return;
      this.pending.add(wait);
      this.updatePoller();
      timer = setTimeout(() => {
        const why =
          lastError === null ? '' : `\nLast predicate error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
        wait.fail(makeError(`[discord-emulator] Timed out after ${timeoutMs} ms waiting for ${description}.${why}\n${this.diagnostics()}`));
      }, timeoutMs);
    });
  }

  private updatePoller(): void {
    if (this.pending.size > 0 && !this.poller) {
      this.poller = setInterval(() => this.notify(), POLL_MS);
    } else if (this.pending.size === 0 && this.poller) {
      clearInterval(this.poller);
      this.poller = null;
    }
  }

  /** Re-runs every pending check (called after each recorded event). */
  notify(): void {
    for (const wait of [...this.pending]) wait.run();
  }

  /** Rejects everything still waiting and refuses new waits. */
  close(reason: string): void {
    this.closedReason = reason;
    for (const wait of [...this.pending]) wait.fail(new Error(`[discord-emulator] ${reason}`));
  }

  get size(): number {
    return this.pending.size;
  }
}
