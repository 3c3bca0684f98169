import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { ChannelSettings } from '../../storage';
import { settingsChannelId } from '../channel-settings';
import { ephemeral } from '../messages';
import { memberMay, permissionRefusal } from '../permissions';
import type { BotContext } from '../types';

/** The options, each a setting of the channel (Discord option names are lower case with underscores). */
const OPTIONS = {
  enabled: { setting: 'enabled', description: 'Answer questions in this channel at all' },
  require_mention: {
    setting: 'requireMention',
    description: 'Answer only messages that mention me (False: any message that reads as a question)',
  },
  threads: { setting: 'threads', description: 'Answer each question in a new thread started from it' },
  hide: { setting: 'ephemeral', description: '/ask answers privately unless the asker says hide:False' },
} as const satisfies Record<string, { setting: keyof ChannelSettings; description: string }>;

/** `/settings [enabled] [require_mention] [threads] [hide]` — how the bot behaves in this channel (Manage Server). */
export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('Show or change how I answer in this channel.')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);
for (const [name, { description }] of Object.entries(OPTIONS))
  data.addBooleanOption((option) => option.setName(name).setDescription(description));

/** What `/help` says about this command, after its usage. */
export const help =
  'show this channel’s settings, or change them: switched on or off, mention required or any question answered, answers in threads, /ask private by default (Manage Server only).';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!memberMay(interaction, 'ManageGuild')) {
    await interaction.reply(ephemeral(permissionRefusal('ManageGuild', 'change my settings')));
    return;
  }
  const store = context.stories.channels;
  if (!store) {
    await interaction.reply(ephemeral('Channel settings need the bot’s database, which is not available.'));
    return;
  }
  const target = settingsChannelId(interaction.channel, interaction.channelId);
  const changes: Partial<ChannelSettings> = {};
  for (const [name, { setting }] of Object.entries(OPTIONS)) {
    const value = interaction.options.getBoolean(name);
    if (value !== null) changes[setting] = value;
  }
  const changed = Object.keys(changes).length > 0;
  const settings = changed ? store.update(target, interaction.guildId, changes) : store.get(target);
  if (changed) context.log.info({ channel: target, user: interaction.user.id, changes }, 'channel settings changed');
  const where = target === interaction.channelId ? 'this channel' : `<#${target}> (threads follow their channel)`;
  await interaction.reply(ephemeral(`${changed ? 'Saved. ' : ''}Settings for ${where}:\n${describeSettings(settings)}`));
}

/** The settings as a short list a server manager reads, each with the option that changes it. */
export function describeSettings(settings: ChannelSettings): string {
  return [
    `- **enabled**: ${settings.enabled ? 'yes, I answer here' : 'no, I ignore questions here'}`,
    `- **require_mention**: ${settings.requireMention ? 'yes, only messages that mention me' : 'no, I answer any message that reads as a question'}`,
    `- **threads**: ${settings.threads ? 'yes, each answer in a new thread' : 'no, answers in the channel'}`,
    `- **hide**: ${settings.ephemeral ? 'yes, /ask answers privately by default' : 'no, /ask answers publicly by default'}`,
  ].join('\n');
}
