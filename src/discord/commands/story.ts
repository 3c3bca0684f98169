import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { escapeEcho, escapeMarkdown } from '../../util/markdown';
import { ephemeral, noMentions } from '../messages';
import { storyAutocomplete } from '../story-options';
import { memberMay, permissionRefusal } from '../permissions';
import type { BotContext } from '../types';

/** `/story set [story]` — binds this channel (a thread: its parent) to a story; no story removes the binding. */
export const data = new SlashCommandBuilder()
  .setName('story')
  .setDescription('Choose the story this channel asks about.')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription('Answer questions in this channel from this story (leave empty for the server default).')
      .addStringOption((option) => option.setName('story').setDescription('The story (start typing its name)').setAutocomplete(true)),
  );

/** What `/help` says about this command, after its usage. */
export const help = 'choose the story this channel asks about; empty goes back to the default (Manage Channels only).';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!memberMay(interaction, 'ManageChannels')) {
    await interaction.reply(ephemeral(permissionRefusal('ManageChannels', 'choose a channel’s story')));
    return;
  }
  const { channels } = context.stories;
  if (!channels) {
    await interaction.reply(ephemeral('Channel stories need the bot’s database, which is not available.'));
    return;
  }
  const channel = interaction.channel;
  const target = channel?.isThread() && channel.parentId ? channel.parentId : interaction.channelId;
  const chosen = interaction.options.getString('story');
  if (chosen === null) {
    channels.clearStory(target);
    const fallback = context.stories.defaultStory;
    await interaction.reply({
      content: `This channel now asks about the default story, *${escapeMarkdown(fallback.title)}*.`,
      allowedMentions: noMentions(),
    });
    return;
  }
  const story = context.stories.find(chosen);
  if (!story) {
    await interaction.reply(ephemeral(`I don’t know the story “${escapeEcho(chosen)}”. \`/stories\` lists them.`));
    return;
  }
  channels.update(target, interaction.guildId, { storyId: story.id });
  await interaction.reply({ content: `This channel now asks about *${escapeMarkdown(story.title)}*.`, allowedMentions: noMentions() });
}

export const autocomplete = storyAutocomplete;
