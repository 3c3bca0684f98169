import {
  ApplicationCommandOptionType,
  InteractionContextType,
  SlashCommandBuilder,
  type APIApplicationCommandOption,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { ephemeral } from '../messages';
import type { BotContext, SlashCommand } from '../types';

/** `/help` — what the bot does and how to ask, listing the routed commands. */
export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What this bot does and how to ask it.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** What `/help` says about this command, after its usage. */
export const help = 'this message.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  await interaction.reply(ephemeral(helpText(interaction.client.user.id, context.config.askCooldownSeconds, context.commands)));
}

/** The help message: one line per command of the registry, in its order, and how to mention the bot. */
export function helpText(botId: string, cooldownSeconds: number, commands: readonly SlashCommand[]): string {
  const lines = ['**I answer questions about the news stories with verbatim quotes from them, and cite my sources.**', ''];
  for (const command of commands) {
    lines.push(`${usage(command)} — ${command.help}`);
    if (command.data.name === 'ask')
      lines.push(`<@${botId}> *your question* — mention me in a channel or thread and I reply to your message.`);
  }
  if (cooldownSeconds > 0) lines.push('', `-# One question every ${cooldownSeconds} seconds per person.`);
  return lines.join('\n');
}

/** "`/timeline [topic] [from] [to]`", "`/ask question:`", "`/story set [story]`": required options end with a colon. */
function usage(command: SlashCommand): string {
  const { name, options = [] } = command.data.toJSON();
  const subcommands = options.filter((option) => option.type === ApplicationCommandOptionType.Subcommand);
  const forms = subcommands.length
    ? subcommands.map((sub) => [name, sub.name, ...optionParts('options' in sub ? (sub.options ?? []) : [])])
    : [[name, ...optionParts(options)]];
  return forms.map((form) => `\`/${form.join(' ')}\``).join(', ');
}

function optionParts(options: readonly APIApplicationCommandOption[]): string[] {
  return options
    .filter(
      (option) => option.type !== ApplicationCommandOptionType.Subcommand && option.type !== ApplicationCommandOptionType.SubcommandGroup,
    )
    .map((option) => ('required' in option && option.required ? `${option.name}:` : `[${option.name}]`));
}
