import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../../answer/question';
import type { Story } from '../../corpus/stories';
import type { ChannelSettings } from '../../storage';
import { answerQuestion } from '../answering';
import { channelSettings, DISABLED_TEXT } from '../channel-settings';
import { conversationIn, threadName, type ConversationKey } from '../conversations';
import { ephemeral, errorDetails, noMentions, noteAnswerSent } from '../messages';
import { queuedText, unknownStoryText } from '../replies';
import { storyAutocomplete } from '../story-options';
import type { BotContext } from '../types';

/** `/ask question: [story] [hide] [thread]` — the answer with its cited, verbatim quotes, as `npm run ask` renders it. */
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
  )
  .addBooleanOption((option) => option.setName('hide').setDescription('Only you see the answer (default: the channel’s setting)'))
  .addBooleanOption((option) =>
    option.setName('thread').setDescription('Answer in a new thread, where follow-ups need no /ask (default: the channel’s setting)'),
  );

/** What `/help` says about this command, after its usage. */
export const help =
  'ask anything; the answer quotes the stories word for word, numbered [1], [2]… with the article, date and paragraph. When the stories do not answer it, I say so and show the closest passages. `hide:` answers only you; `thread:` answers in a new thread, where you can ask follow-ups ("why?", "who is he?") without /ask.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const settings = channelSettings(context.stories.channels, interaction.channel, interaction.inGuild() ? interaction.channelId : null);
  if (!settings.enabled) {
    await interaction.reply(ephemeral(DISABLED_TEXT));
    return;
  }
  const story = context.stories.storyOfCommand(interaction);
  if (!story) {
    await interaction.reply(ephemeral(unknownStoryText(interaction.options.getString('story', true))));
    return;
  }
  const conversation = conversationIn(interaction.channel, interaction.client.user.id);
  // A follow-up typed while the answer it follows is still being sent (here or in the parent
  // channel, before the thread was remembered) must see that answer; the same rule as a mention's.
  if (conversation) {
    const parentId = interaction.channel?.isThread() ? interaction.channel.parentId : null;
    await context.conversations.settled([interaction.channelId, parentId]);
  }
  await context.conversations.answering([interaction.channelId], () =>
    answer(interaction, context, { question, story, settings, conversation }),
  );
}

interface AskRequest {
  question: string;
  story: Story;
  settings: ChannelSettings;
  /** The conversation the command continues (a thread the bot started), if any. */
  conversation: ConversationKey | null;
}

async function answer(interaction: ChatInputCommandInteraction, context: BotContext, request: AskRequest): Promise<void> {
  const { question, story, settings, conversation } = request;
  const hide = interaction.options.getBoolean('hide') ?? settings.ephemeral;
  // A private answer cannot start a thread; neither can a DM.
  const inThread =
    !hide && interaction.inGuild() && !interaction.channel?.isThread() && (interaction.options.getBoolean('thread') ?? settings.threads);
  const outcome = await answerQuestion(context, {
    userId: interaction.user.id,
    question,
    story,
    channelId: interaction.channelId,
    guildId: interaction.guildId,
    previous: conversation ? context.conversations.recall(conversation) : [],
    beforeCompute: () => interaction.deferReply(hide ? { flags: MessageFlags.Ephemeral } : {}),
    onWaiting: (position) => interaction.editReply({ content: queuedText(position), allowedMentions: noMentions() }),
  });
  if (!outcome.ok) {
    await interaction.reply(ephemeral(outcome.message));
    return;
  }
  const { content, extra } = outcome.reply;
  noteAnswerSent(interaction);
  const sent = await interaction.editReply({
    content,
    components: context.answerButtons.rows(outcome.record),
    allowedMentions: noMentions(),
  });
  if (extra) await interaction.followUp({ content: extra, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
  if (hide) return;
  let key = conversation ?? context.conversations.ofAnswer(sent.id);
  if (inThread) {
    try {
      const thread = await sent.startThread({ name: threadName(outcome.turn.question) });
      key = `thread:${thread.id}`;
    } catch (error) {
      // The answer stands; only the thread is missing (no Create Public Threads permission, say).
      context.log.warn({ error: errorDetails(error), channel: interaction.channelId }, 'could not start a thread for an answer');
    }
  }
  context.conversations.remember(key, outcome.turn, sent.id);
}

export const autocomplete = storyAutocomplete;
