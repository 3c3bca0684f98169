import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../answer/question';
import { answerQuestion } from '../answering';
import { ephemeral, noMentions, noteAnswerSent } from '../messages';
import { queuedText, unknownStoryText } from '../replies';
import { storyAutocomplete } from '../story-options';
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
  )
  .addStringOption((option) =>
    option.setName('story').setDescription('Ask about this story instead of the channel’s (start typing its name)').setAutocomplete(true),
  );

/** What `/help` says about this command, after its usage. */
export const help =
  'ask anything; the answer quotes the stories word for word, numbered [1], [2]… with the article, date and paragraph. When the stories do not answer it, I say so and show the closest passages.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const story = context.stories.storyOfCommand(interaction);
  if (!story) {
    await interaction.reply(ephemeral(unknownStoryText(interaction.options.getString('story', true))));
    return;
  }
  const outcome = await answerQuestion(context, {
    userId: interaction.user.id,
    question,
    holder: () => context.stories.holder(story),
    beforeCompute: () => interaction.deferReply(),
    onWaiting: (position) => interaction.editReply({ content: queuedText(position), allowedMentions: noMentions() }),
  });
  if (!outcome.ok) {
    await interaction.reply(ephemeral(outcome.message));
    return;
  }
  const { content, extra } = outcome.reply;
  noteAnswerSent(interaction);
  await interaction.editReply({ content, allowedMentions: noMentions() });
  if (extra) await interaction.followUp({ content: extra, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
}

export const autocomplete = storyAutocomplete;
