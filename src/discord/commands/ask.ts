import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { ask } from '../../answer/ask';
import type { Answer } from '../../answer/types';
import { MAX_QUESTION_CHARS, parseQuestion, QuestionError } from '../../answer/question';
import { ephemeral, noMentions } from '../messages';
import { answerReply, refusalText } from '../replies';
import type { BotContext } from '../types';

/** `/ask question:` — the answer with its cited, verbatim quotes, as `npm run ask` renders it. */
export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news stories; the answer quotes them verbatim, with sources.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question, e.g. "Why was Krebs fired?"')
      .setRequired(true)
      // The engine reads at most this much of a question anyway; Discord enforces it in the client.
      .setMaxLength(MAX_QUESTION_CHARS),
  );

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  try {
    parseQuestion(question);
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    await interaction.reply(ephemeral(error.message));
    return;
  }

  const admission = context.limits.tryStart(interaction.user.id, { cooldown: true });
  if (!admission.ok) {
    await interaction.reply(ephemeral(refusalText(admission)));
    return;
  }
  let answer: Answer;
  try {
    await interaction.deferReply();
    answer = await context.engines.use((engine) => ask(engine, question));
  } finally {
    // The cap is on computing answers; sending them is Discord's queue, not ours.
    admission.release();
  }
  const reply = answerReply(answer);
  await interaction.editReply({ content: reply.content, allowedMentions: noMentions() });
  if (reply.extra) await interaction.followUp({ content: reply.extra, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
}
