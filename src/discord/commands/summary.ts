import { InteractionContextType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { summary } from '../../answer/ask';
import { clip } from '../../util/clip';
import { DISCORD_MESSAGE_LIMIT, ephemeral, noMentions } from '../messages';
import { answerReply } from '../replies';
import { MAX_CHOICE_NAME, MAX_CHOICES } from '../story-options';
import type { BotContext } from '../types';

/** `/summary [article]` — the lead and the most central sentences, verbatim and cited, as `npm run summary` gives them. */
export const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('A short summary of the news stories (or of one article), in their own words, with sources.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option
      .setName('article')
      .setDescription('Summarise only this article (start typing its title)')
      .setAutocomplete(true)
      .setMaxLength(200),
  );

/** What `/help` says about this command, after its usage. */
export const help = 'the lead and the most central sentences of the stories, or of one article.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const holder = await context.stories.holderReplyingTo(interaction);
  const engine = holder.current;
  const article = interaction.options.getString('article');
  const doc = article ? (engine.index.documentById.get(article) ?? engine.index.documents.find((d) => d.title === article)) : undefined;
  // Reading the loaded index only (no encoder): fast enough to answer directly, unless it was just opened.
  const send = (content: string, options: { private?: boolean } = {}) =>
    interaction.deferred
      ? interaction.editReply({ content, allowedMentions: noMentions() })
      : interaction.reply(options.private ? ephemeral(content) : { content, allowedMentions: noMentions() });
  if (article && !doc) {
    await send('I don’t know that article. Pick one from the list as you type, or leave `article` empty for the whole story.', {
      private: true,
    });
    return;
  }
  await send(answerReply(summary(engine, { docId: doc?.id, maxChars: DISCORD_MESSAGE_LIMIT })).content);
}

/** Articles whose title contains what has been typed so far, newest first. */
export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const holder = context.stories.openNow(context.stories.storyOfChannel(interaction.channel, interaction.channelId));
  const choices = [...(holder?.current.index.documents ?? [])]
    .filter((d) => d.title.toLowerCase().includes(typed) || d.id.toLowerCase().includes(typed))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .slice(0, MAX_CHOICES)
    .map((d) => ({ name: clip(`${d.title}${d.date ? ` (${d.date})` : ''}`, MAX_CHOICE_NAME), value: d.id.slice(0, MAX_CHOICE_NAME) }));
  await interaction.respond(choices);
}
