import { plural } from '../../util/plural';
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { Engine } from '../../engine';
import { documentSummaries } from '../../index/vectors';
import { clip, MAX_TITLE_SHOWN } from '../../util/clip';
import { escapeMarkdown } from '../../util/markdown';
import { packPages, pageLabel, widestPageLabel } from '../../util/pages';
import { absoluteTime, DISCORD_MESSAGE_LIMIT, relativeTime } from '../messages';
import type { BotContext } from '../types';

/** `/sources` — the indexed documents (title, date, chunks) and when the index was built. */
export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The documents the answers come from, and when they were indexed.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

/** What `/help` says about this command, after its usage. */
export const help = 'the indexed articles and when the index was built.';

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  // Reading the loaded index only: fast enough to answer directly, no defer needed.
  const holder = await context.stories.holderReplyingTo(interaction);
  await context.pager.present(interaction, sourcesPages(holder.current));
}

/** Pages listing every indexed document, each within Discord's limit ("Page k/N" when several). */
export function sourcesPages(engine: Engine, maxChars = DISCORD_MESSAGE_LIMIT): string[] {
  const { manifest } = engine.index;
  const documents = documentSummaries(engine.index);
  const builtAt = Date.parse(manifest.builtAt);
  const { counts } = manifest;
  const header = [
    `**Sources** — ${plural(counts.documents, 'document')}, ${plural(counts.chunks, 'chunk')}, model \`${manifest.model.id}\``,
    `Index built ${Number.isNaN(builtAt) ? manifest.builtAt : `${absoluteTime(builtAt)} (${relativeTime(builtAt)})`}`,
  ].join('\n');
  const lines = documents.map((doc, i) => {
    const title = escapeMarkdown(clip(doc.title.replace(/\s+/g, ' ').trim() || doc.id, MAX_TITLE_SHOWN));
    // <url> shows the address without a link preview.
    const url = doc.url ? ` — <${doc.url}>` : '';
    return `${i + 1}. ${title} — ${doc.date ?? 'undated'} — ${plural(doc.chunks, 'chunk')}${url}`;
  });

  // Lines are counted with their newline, the label at its widest (one page per document).
  const reserve = `${header}\n\n\n\n*${widestPageLabel(documents.length)}*`.length;
  const pages = packPages(lines, maxChars, (page) => reserve + page.reduce((size, line) => size + line.length + 1, 0));
  return pages.map((page, i) => {
    const body = `${header}\n\n${page.join('\n')}`;
    return pages.length > 1 ? `${body}\n\n*${pageLabel(i + 1, pages.length)}*` : body;
  });
}
