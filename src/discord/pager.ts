import { randomBytes } from 'node:crypto';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
} from 'discord.js';
import type { Logger } from 'pino';
import { ephemeral, errorDetails, fitMessage, noMentions } from './messages';

/** Custom ids of page buttons: `pg:<session>:<prev|next>:<target page>`. */
const PREFIX = 'pg';
/** Paged replies kept at once; beyond this the oldest stops paging (its buttons are removed). */
export const MAX_SESSIONS = 500;

interface Session {
  id: string;
  ownerId: string;
  command: string;
  pages: string[];
  page: number;
  timer: NodeJS.Timeout;
  /** Edits the paged message with the freshest interaction token we have (valid 15 min). */
  edit: (payload: { components: [] }) => Promise<unknown>;
  /** The message itself, to edit through the channel once interaction tokens have expired. */
  message: Message | null;
}

export interface PagerOptions {
  /** Buttons stop working (and are removed) after this long without a press. */
  timeoutMs: number;
  log: Logger;
}

/**
 * Previous/Next buttons for replies longer than one message (`/timeline`, `/sources`). Sessions
 * live in memory: only the user who ran the command may turn pages; after `timeoutMs` without a
 * press the buttons are removed. Presses on buttons whose session is gone (expired, or the bot
 * restarted) get an ephemeral "expired" answer.
 */
export class Pager {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: PagerOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Shows page 1 as the interaction's reply (edit when deferred), with buttons when there are more. */
  async present(interaction: ChatInputCommandInteraction, pages: string[]): Promise<void> {
    const first = fitMessage(pages[0] ?? '(nothing to show)');
    const send = (payload: { content: string; components: ActionRowBuilder<ButtonBuilder>[] }) =>
      interaction.deferred || interaction.replied
        ? interaction.editReply({ ...payload, allowedMentions: noMentions() })
        : interaction.reply({ ...payload, allowedMentions: noMentions(), withResponse: true }).then((r) => r.resource?.message ?? null);
    if (pages.length <= 1) {
      await send({ content: first, components: [] });
      return;
    }
    const id = randomBytes(6).toString('hex');
    const session: Session = {
      id,
      ownerId: interaction.user.id,
      command: interaction.commandName,
      pages: pages.map((p) => fitMessage(p)),
      page: 0,
      timer: this.expiryTimer(id),
      edit: (payload) => interaction.editReply({ ...payload, allowedMentions: noMentions() }),
      message: null,
    };
    this.sessions.set(id, session);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) void this.expire(oldest);
    }
    try {
      session.message = await send({ content: first, components: [buttons(session)] });
    } catch (error) {
      this.drop(session);
      throw error;
    }
  }

  /** Handles a press on one of our buttons; false when the custom id is not a page button. */
  async handle(interaction: ButtonInteraction): Promise<boolean> {
    const parsed = parseCustomId(interaction.customId);
    if (!parsed) return false;
    const session = this.sessions.get(parsed.session);
    if (!session) {
      await interaction.reply(ephemeral('These buttons have expired. Run the command again to get fresh ones.'));
      // Remove the stale buttons (a restart loses sessions); best effort.
      if (interaction.message.editable) {
        await interaction.message.edit({ components: [], allowedMentions: noMentions() }).catch(() => undefined);
      }
      return true;
    }
    if (interaction.user.id !== session.ownerId) {
      await interaction.reply(ephemeral(`Only <@${session.ownerId}> can turn these pages. Run \`/${session.command}\` to get your own.`));
      return true;
    }
    session.page = Math.min(Math.max(parsed.page, 0), session.pages.length - 1);
    clearTimeout(session.timer);
    session.timer = this.expiryTimer(session.id);
    session.edit = (payload) => interaction.editReply({ ...payload, allowedMentions: noMentions() });
    session.message = interaction.message;
    await interaction.update({ content: session.pages[session.page]!, components: [buttons(session)], allowedMentions: noMentions() });
    return true;
  }

  /** Forgets every session (at shutdown); buttons then answer "expired". */
  close(): void {
    for (const session of this.sessions.values()) clearTimeout(session.timer);
    this.sessions.clear();
  }

  private expiryTimer(sessionId: string): NodeJS.Timeout {
    const timer = setTimeout(() => void this.expire(sessionId), this.options.timeoutMs);
    timer.unref();
    return timer;
  }

  private async expire(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    try {
      await session.edit({ components: [] });
    } catch (error) {
      // The interaction token lasts 15 minutes; after that, edit our own message through the channel.
      try {
        if (!session.message) throw error;
        await session.message.edit({ components: [], allowedMentions: noMentions() });
      } catch (fallbackError) {
        this.options.log.debug({ error: errorDetails(fallbackError) }, 'could not remove expired page buttons');
      }
    }
  }

  private drop(session: Session): void {
    clearTimeout(session.timer);
    this.sessions.delete(session.id);
  }
}

function buttons(session: Session): ActionRowBuilder<ButtonBuilder> {
  const last = session.pages.length - 1;
  const id = (dir: 'prev' | 'next', page: number) => `${PREFIX}:${session.id}:${dir}:${page}`;
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(id('prev', Math.max(0, session.page - 1)))
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(session.page === 0),
    new ButtonBuilder()
      .setCustomId(id('next', Math.min(last, session.page + 1)))
      .setLabel('Next')
      .setStyle(ButtonStyle.Primary)
      .setDisabled(session.page === last),
  );
}

function parseCustomId(customId: string): { session: string; page: number } | null {
  const match = /^pg:([0-9a-f]+):(?:prev|next):(\d+)$/.exec(customId);
  return match ? { session: match[1]!, page: Number(match[2]) } : null;
}
