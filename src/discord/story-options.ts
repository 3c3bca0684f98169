import type { AutocompleteInteraction } from 'discord.js';
import { clip } from '../util/clip';
import type { BotContext } from './types';

/** Discord shows at most 25 suggestions, each name at most 100 characters. */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_NAME = 100;

/** Suggestions for a `story` option: stories whose id or title contains what has been typed. */
export async function storyAutocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const choices = context.stories.stories
    .filter((s) => s.id.toLowerCase().includes(typed) || s.title.toLowerCase().includes(typed))
    .slice(0, MAX_CHOICES)
    .map((s) => ({ name: clip(s.title === s.id ? s.id : `${s.title} (${s.id})`, MAX_CHOICE_NAME), value: s.id.slice(0, MAX_CHOICE_NAME) }));
  await interaction.respond(choices);
}
