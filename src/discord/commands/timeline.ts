import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { describeTimelineProblem, timeline, timelinePages, TimelineQueryError } from '../../timeline';
import { DISCORD_MESSAGE_LIMIT, ephemeral } from '../messages';
import { refusalText, unknownStoryText } from '../replies';
import { storyAutocomplete } from '../story-options';
import type { BotContext } from '../types';

/** `/timeline [topic] [from] [to]` — dated events with verbatim quotes, paged with buttons. */
export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription('The dated events of the news stories, with verbatim quotes.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((option) =>
    option.setName('topic').setDescription('Only events about this, e.g. "Bryan Ware" or "the election"').setMaxLength(200),
  )
  .addStringOption((option) =>
    option
      .setName('from')
      .setDescription('Only events on or after this date: 2020, 2020-11, 2020-11-12 or "12 November 2020"')
      .setMaxLength(60),
  )
  .addStringOption((option) => option.setName('to').setDescription('Only events on or before this date').setMaxLength(60))
  .addStringOption((option) =>
    option
      .setName('story')
      .setDescription('The timeline of this story instead of the channel’s (start typing its name)')
      .setAutocomplete(true),
  );

/** What `/help` says about this command, after its usage. */
export const help =
  'the dated events, optionally about a topic and between two dates (2020, 2020-11, 2020-11-12 or "12 November 2020"). Use the buttons to turn pages.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const query = {
    topic: interaction.options.getString('topic') ?? undefined,
    from: interaction.options.getString('from') ?? undefined,
    to: interaction.options.getString('to') ?? undefined,
  };
  const story = context.stories.storyOfCommand(interaction);
  if (!story) {
    await interaction.reply(ephemeral(unknownStoryText(interaction.options.getString('story', true))));
    return;
  }
  // A timeline costs no more than an answer, but a topic is embedded: it takes a place in the answer queue.
  const admission = context.admission.shared();
  if (!admission.ok) {
    await interaction.reply(ephemeral(refusalText(admission.refusal)));
    return;
  }
  let pages: string[];
  try {
    await interaction.deferReply().catch((error: unknown) => {
      admission.cancel();
      throw error;
    });
    const holder = await context.stories.holder(story);
    pages = await admission.run(() =>
      holder.use(async (engine) => timelinePages(engine, await timeline(engine, query), DISCORD_MESSAGE_LIMIT)),
    );
  } catch (error) {
    if (!(error instanceof TimelineQueryError)) throw error;
    // The user's mistake: say so privately instead of leaving a public error behind.
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp(ephemeral(describeTimelineProblem(error.problem, (bound) => `\`${bound}\``)));
    return;
  }
  await context.pager.present(interaction, pages);
}

export const autocomplete = storyAutocomplete;
