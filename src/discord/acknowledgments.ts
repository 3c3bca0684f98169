import type { Interaction, RepliableInteraction } from 'discord.js';

/** Longest a computation waits for acknowledgments to go out first (a handler may never acknowledge). */
export const ACK_PRIORITY_MAX_WAIT_MS = 1000;

/**
 * Interactions received but not yet acknowledged. Answers are computed on the main thread; under
 * a burst, computing before every interaction is deferred would push the last acknowledgments
 * past Discord's 3 s. Computation waits (briefly, bounded) until this set is empty.
 */
export class AcknowledgmentTracker {
  private readonly pending = new Set<RepliableInteraction>();

  add(interaction: RepliableInteraction): void {
    this.pending.add(interaction);
  }

  forget(interaction: Interaction): void {
    this.pending.delete(interaction as RepliableInteraction);
  }

  /** Resolves once every interaction received so far is deferred or replied to, or after `maxWaitMs`. */
  async settled(maxWaitMs: number = ACK_PRIORITY_MAX_WAIT_MS): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      for (const interaction of this.pending) if (interaction.deferred || interaction.replied) this.pending.delete(interaction);
      if (this.pending.size === 0 || Date.now() >= deadline) return;
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
  }
}
