import type { ChatInputCommandInteraction } from 'discord.js';
import { fitMessage, noMentions } from './messages';

/** At most one progress edit per this many milliseconds (stage changes always show). */
export const PROGRESS_EDIT_INTERVAL_MS = 2000;

/** Edits the reply with progress: throttled, never more than one edit in flight, the last text wins. */
export class ProgressReply {
  private lastStage = '';
  private lastEditAt = 0;
  private pending: string | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly interaction: ChatInputCommandInteraction) {}

  /** Shows `text`; within one `stage` at most one edit per PROGRESS_EDIT_INTERVAL_MS, a new stage at once. */
  show(stage: string, text: string): void {
    const now = Date.now();
    if (stage === this.lastStage && now - this.lastEditAt < PROGRESS_EDIT_INTERVAL_MS) return;
    this.lastStage = stage;
    this.lastEditAt = now;
    this.pending = text;
    this.pump();
  }

  async finish(text: string): Promise<void> {
    this.pending = null;
    await this.inFlight;
    await this.interaction.editReply({ content: fitMessage(text), allowedMentions: noMentions() });
  }

  private pump(): void {
    if (this.inFlight || this.pending === null || !this.interaction.deferred) return;
    const text = this.pending;
    this.pending = null;
    this.inFlight = this.interaction
      .editReply({ content: fitMessage(text), allowedMentions: noMentions() })
      .then(
        () => undefined,
        () => undefined, // progress is best effort; the final edit reports errors
      )
      .finally(() => {
        this.inFlight = null;
        this.pump();
      });
  }
}
