import { rm } from 'node:fs/promises';
import path from 'node:path';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { loadCorpus } from '../../corpus/load';
import { assertNotDuplicate, IngestError, ingestUrl, serializeArticle, slugFor, writeArticleFile } from '../../ingest';
import { escapeEcho, escapeMarkdown } from '../../util/markdown';
import { ephemeral, errorDetails, plural } from '../messages';
import { ProgressReply } from '../progress-reply';
import { unknownStoryText } from '../replies';
import { storyAutocomplete } from '../story-options';
import type { BotContext } from '../types';
import { describe } from './reindex';

/** `/add url: [story]` — an article from a web page into a story, its index rebuilt in the background. */
export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Add a news article from its web address to a story (Manage Server only).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((option) =>
    option.setName('url').setDescription('The article’s address (https://…)').setRequired(true).setMaxLength(2000),
  )
  .addStringOption((option) =>
    option.setName('story').setDescription('Add it to this story instead of the channel’s (start typing its name)').setAutocomplete(true),
  );

/** What `/help` says about this command, after its usage. */
export const help =
  'add an article from its web address to a story; questions meanwhile are answered from the current index (Manage Server only).';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  // default_member_permissions only hides the command; check again.
  if (!interaction.inGuild() || !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.reply(ephemeral('Only members with the **Manage Server** permission can add articles.'));
    return;
  }
  const url = interaction.options.getString('url', true);
  const story = context.stories.storyOfCommand(interaction);
  if (!story) {
    await interaction.reply(ephemeral(unknownStoryText(interaction.options.getString('story', true))));
    return;
  }
  const opened = context.stories.openNow(story);
  if (opened?.rebuildStartedAt != null) {
    await interaction.reply(ephemeral('This story’s index is being rebuilt; add the article when that is done.'));
    return;
  }
  await interaction.deferReply();
  const progress = new ProgressReply(interaction);
  progress.show('fetch', `Fetching ${escapeEcho(url)}…`);

  let file: string | null = null;
  try {
    // From Discord, a link must not reach the bot's own network (SSRF) unless the operator allows it.
    const article = await ingestUrl(url, { allowPrivateHosts: context.config.addAllowPrivateHosts });
    assertNotDuplicate(article, (await loadCorpus(story.dir)).documents);
    file = await writeArticleFile(story.dir, slugFor(article.title), serializeArticle(article, new Date()));
    const holder = await context.stories.holder(story);
    progress.show('start', `Adding *${escapeMarkdown(article.title)}*… Questions are answered from the current index meanwhile.`);
    const { engine } = await holder.rebuild((p) => progress.show(p.stage, describe(p)));
    const docId = path
      .relative(story.dir, file)
      .replace(/\.[^.]+$/, '')
      .split(path.sep)
      .join('/');
    const range = engine.index.documentSentences.get(docId);
    const sentences = range ? range.end - range.first : 0;
    context.log.info({ story: story.id, file, user: interaction.user.id }, 'article added');
    await progress.finish(
      `Added *${escapeMarkdown(article.title)}* (${article.date ?? 'undated'}) to *${escapeMarkdown(story.title)}* — ` +
        `${plural(sentences, 'sentence')}; the story now has ${plural(engine.index.documents.length, 'article')}.`,
    );
  } catch (error) {
    // Nothing half-added: the article leaves the corpus again, the current index stays in use.
    if (file) await rm(file, { force: true });
    if (!(error instanceof IngestError)) context.log.warn({ error: errorDetails(error), url }, 'adding an article failed');
    const reason = error instanceof IngestError ? error.fullMessage : 'the index could not be rebuilt; the story is unchanged.';
    await progress.finish(`Could not add ${escapeEcho(url)}: ${reason}`);
  }
}

export const autocomplete = storyAutocomplete;
