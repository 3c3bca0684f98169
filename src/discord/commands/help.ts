import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { ephemeral } from '../messages';
import type { BotContext } from '../types';

/** `/help` — what the bot does and how to ask. */
export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot does and how to ask it.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  await interaction.reply(ephemeral(helpText(interaction.client.user.id, context.config.askCooldownSeconds)));
}

export function helpText(botId: string, cooldownSeconds: number): string {
  const lines = [
    '**I answer questions about the news stories with verbatim quotes from them, and cite my sources.**',
    '',
    '`/ask question:` — ask anything; the answer quotes the stories word for word, numbered [1], [2]… with the article, date and paragraph. When the stories do not answer it, I say so and show the closest passages.',
    `<@${botId}> *your question* — mention me in a channel or thread and I reply to your message.`,
    '`/timeline [topic] [from] [to]` — the dated events, optionally about a topic and between two dates (2020, 2020-11, 2020-11-12 or "12 November 2020"). Use the buttons to turn pages.',
    '`/sources` — the indexed articles and when the index was built.',
    '`/reindex` — rebuild the index after the corpus changed (Manage Server only).',
  ];
  if (cooldownSeconds > 0) lines.push('', `-# One question every ${cooldownSeconds} seconds per person.`);
  return lines.join('\n');
}
