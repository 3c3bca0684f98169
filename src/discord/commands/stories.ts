import { plural } from '../../util/plural';
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { clip, MAX_TITLE_SHOWN } from '../../util/clip';
import { escapeMarkdown } from '../../util/markdown';
import { ephemeral } from '../messages';
import type { BotContext } from '../types';

/** `/stories` — the stories the bot knows, and which one this channel asks about. */
export const data = new SlashCommandBuilder()
  .setName('stories')
  .setDescription('The stories I can answer about, and which one this channel uses.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** What `/help` says about this command, after its usage. */
export const help = 'the stories I know, and which one this channel asks about (`/story set` changes it).';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { stories, defaultStory } = context.stories;
  const here = context.stories.storyOfChannel(interaction.channel, interaction.channelId);
  const lines = stories.map((story, i) => {
    const marks = [story.id === defaultStory.id ? 'default' : null, story.id === here.id ? '**this channel**' : null].filter(Boolean);
    const title = escapeMarkdown(clip(story.title, MAX_TITLE_SHOWN));
    return `${i + 1}. ${title} — \`${story.id}\`${marks.length ? ` (${marks.join(', ')})` : ''}`;
  });
  await interaction.reply(ephemeral([`**Stories** — ${plural(stories.length, 'story')}`, '', ...lines].join('\n')));
}
