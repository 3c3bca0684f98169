import { randomBytes } from 'node:crypto';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type ButtonInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { CitedParagraph } from '../answer/context';
import type { BotMetrics } from '../health';
import type { FeedbackCitation, FeedbackStore, VoteDirection, VoteResult } from '../storage';
import { escapeMarkdown } from '../util/markdown';
import { DISCORD_MESSAGE_LIMIT, ephemeral, errorDetails } from './messages';

/** Custom ids of answer buttons: `ans:<answer>:<up|down|context>`. */
const PREFIX = 'ans';
/**
 * Answers whose buttons work, newest kept: about 2 KB each (the quoted paragraphs), so at most a
 * few MB. Older answers' buttons say they have expired; so do all of them after a restart.
 */
export const MAX_ANSWER_RECORDS = 2000;

/** What an answer's buttons need: the answer as the feedback store keeps it, and its paragraphs. */
export interface AnswerRecord {
  question: string;
  intent: string;
  citations: FeedbackCitation[];
  /** The index build that produced the answer. */
  buildId: string;
  storyId: string | null;
  channelId: string;
  guildId: string | null;
  paragraphs: CitedParagraph[];
}

type Action = VoteDirection | 'context';

/**
 * The buttons under every answer: 👍 and 👎 (stored with the FeedbackStore, pressing the same
 * one again withdraws the vote) and "Show context" (the paragraphs the quotes come from, to the
 * presser only). Answers are remembered in memory, the most recent MAX_ANSWER_RECORDS.
 */
export class AnswerButtons {
  private readonly records = new Map<string, AnswerRecord>();

  constructor(private readonly parts: { feedback: FeedbackStore | null; metrics: BotMetrics; log: Logger }) {}

  /** Remembers the answer; returns the row of buttons to send with it (none when there is nothing to offer). */
  rows(record: AnswerRecord): ActionRowBuilder<ButtonBuilder>[] {
    const buttons: ButtonBuilder[] = [];
    const id = randomBytes(6).toString('hex');
    const button = (action: Action) => new ButtonBuilder().setCustomId(`${PREFIX}:${id}:${action}`).setStyle(ButtonStyle.Secondary);
    if (this.parts.feedback) {
      buttons.push(button('up').setEmoji('👍'), button('down').setEmoji('👎'));
    }
    if (record.paragraphs.length > 0) buttons.push(button('context').setLabel('Show context'));
    if (buttons.length === 0) return [];
    this.records.set(id, record);
    for (const oldest of this.records.keys()) {
      if (this.records.size <= MAX_ANSWER_RECORDS) break;
      this.records.delete(oldest);
    }
    return [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)];
  }

  /** Handles a press on an answer button; false when the custom id is not one. */
  async handle(interaction: ButtonInteraction): Promise<boolean> {
    const match = /^ans:([0-9a-f]+):(up|down|context)$/.exec(interaction.customId);
    if (!match) return false;
    const record = this.records.get(match[1]!);
    const action = match[2] as Action;
    if (!record) {
      await interaction.reply(
        ephemeral(
          'This answer’s buttons have expired (I remember recent answers only, and none after a restart). Ask again to get fresh ones.',
        ),
      );
      return true;
    }
    if (action === 'context') {
      await interaction.reply(ephemeral(contextText(record.paragraphs)));
      return true;
    }
    const { feedback } = this.parts;
    if (!feedback) {
      await interaction.reply(ephemeral('Votes need the bot’s database, which is not available.'));
      return true;
    }
    let result: VoteResult;
    try {
      result = feedback.vote({
        messageId: interaction.message.id,
        userId: interaction.user.id,
        vote: action,
        question: record.question,
        intent: record.intent,
        citations: record.citations,
        buildId: record.buildId,
        storyId: record.storyId,
        channelId: record.channelId,
        guildId: record.guildId,
      });
    } catch (error) {
      this.parts.log.error({ error: errorDetails(error) }, 'could not store a feedback vote');
      await interaction.reply(ephemeral('Sorry, I could not record your vote. Please try again later.'));
      return true;
    }
    this.parts.metrics.recordFeedbackVote(result.change === 'withdrawn' ? 'withdrawn' : action);
    await interaction.reply(ephemeral(thanks(action, result)));
    return true;
  }
}

function thanks(action: VoteDirection, result: VoteResult): string {
  const emoji = action === 'up' ? '👍' : '👎';
  if (result.change === 'withdrawn') return `Your ${emoji} is withdrawn.`;
  const why = action === 'up' ? 'it tells me which answers work.' : 'answers voted down are reviewed and become test questions.';
  return `${result.change === 'switched' ? 'Changed to' : 'Thanks for the'} ${emoji}: ${why} Press it again to withdraw it.`;
}

/**
 * The cited paragraphs, whole, the quoted sentences in bold, everything else escaped (verbatim
 * as shown); as many paragraphs as fit in one message.
 */
export function contextText(paragraphs: readonly CitedParagraph[], maxChars = DISCORD_MESSAGE_LIMIT): string {
  const blocks = paragraphs.map((p) => {
    let body = '';
    let at = 0;
    for (const quote of p.quotes) {
      body += escapeMarkdown(p.text.slice(at, quote.start)) + `**${escapeMarkdown(p.text.slice(quote.start, quote.end))}**`;
      at = quote.end;
    }
    body += escapeMarkdown(p.text.slice(at));
    const cited = p.citationIds.map((id) => `[${id}]`).join(' ');
    const heading = `${cited} *${escapeMarkdown(p.title)}*${p.date ? ` (${p.date})` : ''}, ¶${p.paragraph}`;
    return `${heading}\n${body
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')}`;
  });
  const notShown = (count: number) => `-# ${count} more paragraph${count === 1 ? '' : 's'} not shown`;
  let text = blocks[0] ?? '';
  for (let i = 1; i < blocks.length; i++) {
    const next = `${text}\n\n${blocks[i]}`;
    const left = blocks.length - i - 1;
    if (next.length + (left > 0 ? notShown(left).length + 2 : 0) > maxChars) return `${text}\n\n${notShown(blocks.length - i)}`;
    text = next;
  }
  return text;
}
