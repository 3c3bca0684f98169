import { plural } from '../../util/plural';
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { BuildProgress } from '../../index/build';
import { RebuildInProgressError } from '../engine-holder';
import { ephemeral, errorDetails, relativeTime, tenths } from '../messages';
import { ProgressReply } from '../progress-reply';
import { memberMay, permissionRefusal } from '../permissions';
import type { BotContext } from '../types';

/**
 * `/reindex` — administrators only: rebuilds the index from the corpus in the background,
 * reporting progress in its (private) reply, then swaps the new index in.
 */
export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Rebuild the search index from the corpus folder (administrators only).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/** What `/help` says about this command, after its usage. */
export const help = 'rebuild the index after the corpus changed (Manage Server only).';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  if (!memberMay(interaction, 'ManageGuild')) {
    await interaction.reply(ephemeral(permissionRefusal('ManageGuild', 'rebuild the index')));
    return;
  }
  const { log } = context;
  const story = context.stories.storyOfChannel(interaction.channel, interaction.channelId);
  const opened = context.stories.openNow(story);
  const startedAt = opened?.rebuildStartedAt ?? null;
  if (startedAt !== null) {
    await interaction.reply(
      ephemeral(`A rebuild is already running (started ${relativeTime(startedAt)}). Its reply will say when it is done.`),
    );
    return;
  }

  // Acknowledge first: reading and chunking a large corpus keeps the event loop busy for a while.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const engineHolder = opened ?? (await context.stories.holder(story));
  const before = engineHolder.current.index.manifest.counts;
  const progress = new ProgressReply(interaction);
  let rebuild: ReturnType<typeof engineHolder.rebuild>;
  try {
    rebuild = engineHolder.rebuild((p) => progress.show(p.stage, describe(p)));
  } catch (error) {
    if (!(error instanceof RebuildInProgressError)) throw error;
    await progress.finish(`A rebuild is already running (started ${relativeTime(error.startedAt)}).`);
    return;
  }
  log.info({ user: interaction.user.id, story: story.id }, 'reindex requested');
  progress.show('start', 'Rebuilding the index from the corpus… Questions are answered from the current index meanwhile.');
  const settled = await rebuild.then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );

  let final: string;
  if (settled.ok) {
    const { build, engine } = settled.result;
    const counts = engine.index.manifest.counts;
    log.info({ ...counts, seconds: tenths(build.seconds), embedded: build.embedded, reused: build.reused }, 'index rebuilt and swapped in');
    final =
      `Index rebuilt in ${tenths(build.seconds)} s and now in use: ${plural(counts.documents, 'document')} (was ${before.documents}), ` +
      `${plural(counts.chunks, 'chunk')}, ${plural(counts.events, 'dated event')}, model \`${engine.index.manifest.model.id}\`` +
      ` (${plural(build.embedded, 'sentence')} embedded, ${build.reused} from the cache).`;
  } else {
    log.warn({ error: errorDetails(settled.error) }, 'reindex failed; the previous index stays in use');
    final = `The rebuild failed, so the previous index (${plural(before.documents, 'document')}) stays in use.\nReason: ${firstLine(settled.error)}`;
  }
  await progress.finish(final);
}

/** A build's progress in words. */
export function describe(progress: BuildProgress): string {
  switch (progress.stage) {
    case 'prepare':
      return `Reading… ${progress.documents} documents, ${progress.sentences} sentences, ${progress.chunks} chunks. Embedding next.`;
    case 'embed':
      return `Embedding… ${progress.done}/${progress.total} sentences (${progress.total ? Math.floor((100 * progress.done) / progress.total) : 100}%).`;
    case 'write':
      return 'Writing… the new index is being saved; it goes live in a moment.';
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 500);
}
