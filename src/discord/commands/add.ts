import { plural } from '../../util/plural';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { addArticleFile, IngestError, ingestFile, ingestUrl, type ExtractedArticle } from '../../ingest';
import { readLimited } from '../../ingest/read-limited';
import { escapeEcho, escapeMarkdown } from '../../util/markdown';
import { ephemeral, errorDetails } from '../messages';
import { ProgressReply } from '../progress-reply';
import { unknownStoryText } from '../replies';
import { storyAutocomplete } from '../story-options';
import { memberMay, permissionRefusal } from '../permissions';
import type { BotContext } from '../types';
import { describe } from './reindex';

/** `/add url: [story]` — an article from a web page into a story, its index rebuilt in the background. */
export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Add a news article from its web address to a story (Manage Server only).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((option) => option.setName('url').setDescription('The article’s address (https://…)').setMaxLength(2000))
  .addAttachmentOption((option) => option.setName('file').setDescription('Or the article as a .txt, .md or .html file (at most 1 MB)'))
  .addStringOption((option) =>
    option.setName('story').setDescription('Add it to this story instead of the channel’s (start typing its name)').setAutocomplete(true),
  );

/** What `/help` says about this command, after its usage. */
export const help =
  'add an article from its web address to a story; questions meanwhile are answered from the current index (Manage Server only).';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!memberMay(interaction, 'ManageGuild')) {
    await interaction.reply(ephemeral(permissionRefusal('ManageGuild', 'add articles')));
    return;
  }
  const url = interaction.options.getString('url');
  const attachment = interaction.options.getAttachment('file');
  if ((url === null) === (attachment === null)) {
    await interaction.reply(ephemeral('Give the article’s `url` or attach it as a `file` (one of the two).'));
    return;
  }
  if (attachment && attachment.size > MAX_ATTACHMENT_BYTES) {
    await interaction.reply(ephemeral(`That file is ${Math.ceil(attachment.size / 1024)} KB; articles can be at most 1 MB.`));
    return;
  }
  const source = url ?? attachment!.name;
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
  progress.show('fetch', `Reading ${escapeEcho(source)}…`);

  let file: string | null = null;
  try {
    // From Discord, a link must not reach the bot's own network (SSRF) unless the operator allows it.
    const article = url
      ? await ingestUrl(url, { allowPrivateHosts: context.config.addAllowPrivateHosts })
      : await ingestAttachment(attachment!.url, attachment!.name);
    file = await addArticleFile(story.dir, article);
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
    if (!(error instanceof IngestError)) context.log.warn({ error: errorDetails(error), source }, 'adding an article failed');
    const reason = error instanceof IngestError ? error.fullMessage : 'the index could not be rebuilt; the story is unchanged.';
    await progress.finish(`Could not add ${escapeEcho(source)}: ${reason}`);
  }
}

export const autocomplete = storyAutocomplete;

/** Discord attachments up to this size are read; an article is far smaller. */
const MAX_ATTACHMENT_BYTES = 1024 * 1024;
/** Downloading an attachment from Discord's CDN takes well under this. */
const ATTACHMENT_TIMEOUT_MS = 10_000;

/** An attached .txt, .md or .html file, read the way `npm run add` reads a file (same checks, same errors). */
async function ingestAttachment(url: string, name: string): Promise<ExtractedArticle> {
  const response = await fetch(url, { signal: AbortSignal.timeout(ATTACHMENT_TIMEOUT_MS) });
  if (!response.ok) throw new IngestError({ kind: 'http-status', url, status: response.status });
  const bytes = await readLimited(response.body, MAX_ATTACHMENT_BYTES);
  if (bytes === null) throw new IngestError({ kind: 'too-large', url, limitBytes: MAX_ATTACHMENT_BYTES });
  const dir = await mkdtemp(path.join(tmpdir(), 'story-qa-attachment-'));
  try {
    // The attachment's own name, without any folder part: its extension decides how it is read.
    const file = path.join(dir, path.basename(name) || 'article.txt');
    await writeFile(file, bytes);
    return await ingestFile(file).catch((error: unknown) => {
      // Name the attachment, not the temporary copy, in what the user reads.
      if (error instanceof IngestError && 'file' in error.problem && error.problem.file === file) {
        throw new IngestError({ ...error.problem, file: name }, { cause: error });
      }
      throw error;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
