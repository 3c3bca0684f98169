import { clip, ELLIPSIS, MAX_TITLE_SHOWN } from '../util/clip';
import { escapeEcho, escapeMarkdown } from '../util/markdown';
import { packPages, pageLabel, widestPageLabel } from '../util/pages';
import type { TimelineEvent } from './types';

export interface RenderTimelineOptions {
  /** Longest page, in characters (the surface's message limit); default: one page of any length. */
  maxChars?: number | undefined;
  /** First line of every page, used as given (the caller formats and escapes it). */
  header?: string;
  /** What the timeline is about; shown (escaped) in the default header and the empty message. */
  topic?: string | undefined;
  /** Publication dates for the sources block, by document id. */
  documents?: ReadonlyArray<{ id: string; date: string | null }>;
}

/** Longest summary and title shown; longer ones are cut at a word and marked with "…". */
const MAX_SUMMARY_DISPLAY = 300;
/** Room a line keeps however long the header and sources: a page too full is cut by `fit` instead. */
const MIN_LINE_BUDGET = 40;

/**
 * Discord pages for a timeline: one line per event, `**2020-11-17** — summary [n]`, where n
 * numbers the cited documents in order of first citation; then a sources block listing the
 * documents cited on that page (title, publication date, ¶ paragraph numbers). Every page is at
 * most `maxChars` long and, when there are several, ends with `Page k/N`.
 *
 * Summaries and titles are corpus text: Discord markdown in them is escaped so a quote cannot
 * break the formatting. Mentions ("@everyone", "<@id>") are left as written, because quotes must
 * stay verbatim (no zero-width space after '@'): the bot sends every message with
 * `allowed_mentions: { parse: [] }`, which keeps them from pinging anyone.
 */
export function renderTimeline(events: readonly TimelineEvent[], options: RenderTimelineOptions = {}): string[] {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  const header = options.header ?? (options.topic ? `**Timeline: ${escapeEcho(oneLine(options.topic))}**` : undefined);
  if (events.length === 0) {
    const about = options.topic ? ` for “${escapeEcho(oneLine(options.topic))}”` : '';
    return [fit([header, `No dated events were found${about}.`].filter(Boolean).join('\n\n'), maxChars)];
  }

  const citation = new Map<string, number>();
  for (const event of events) if (!citation.has(event.docId)) citation.set(event.docId, citation.size + 1);
  const dates = new Map((options.documents ?? []).map((d) => [d.id, d.date]));
  const labelled = (label: string | undefined): PageContext => ({ header, citation, dates, maxChars, label });
  // Packed with the widest label there can be, so the real "Page k/N" always fits.
  const widest = labelled(widestPageLabel(events.length));
  const pages = packPages(events, maxChars, (candidate) => composePage(candidate, widest).length);
  return pages.map((onPage, i) => {
    const label = pages.length > 1 ? pageLabel(i + 1, pages.length) : undefined;
    return fit(composePage(onPage, labelled(label)), maxChars);
  });
}

interface PageContext {
  header: string | undefined;
  citation: Map<string, number>;
  dates: Map<string, string | null>;
  maxChars: number;
  label: string | undefined;
}

function composePage(events: readonly TimelineEvent[], context: PageContext): string {
  const { header, citation, dates, label } = context;
  const cited = [...new Set(events.map((e) => e.docId))].sort((a, b) => citation.get(a)! - citation.get(b)!);
  const sources = cited.map((docId) => {
    const own = events.filter((e) => e.docId === docId);
    const title = clipEscaped(oneLine(own[0]!.title), MAX_TITLE_SHOWN);
    const date = dates.get(docId);
    const paragraphs = [...new Set(own.map((e) => e.paragraph))].sort((a, b) => a - b).join(', ');
    return `[${citation.get(docId)}] ${title}${date ? ` — ${date}` : ''} — ¶${paragraphs}`;
  });
  const tail = ['**Sources**', ...sources, ...(label ? [`*${label}*`] : [])].join('\n');
  const head = header ? `${header}\n\n` : '';

  // A single event too long for the page has its summary cut to fit.
  const lineBudget = Math.max(MIN_LINE_BUDGET, context.maxChars - head.length - tail.length - 2);
  const lines = events.map((e) => {
    const prefix = `**${e.date}** — `;
    const suffix = ` [${citation.get(e.docId)}]`;
    const room = Math.min(MAX_SUMMARY_DISPLAY, lineBudget - prefix.length - suffix.length);
    return `${prefix}${clipEscaped(oneLine(e.summary), room)}${suffix}`;
  });
  return `${head}${lines.join('\n')}\n\n${tail}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `text` escaped and cut so that the escaped form is at most `max` characters. */
function clipEscaped(text: string, max: number): string {
  let room = max;
  for (;;) {
    const escaped = escapeMarkdown(clip(text, room));
    if (escaped.length <= max || room <= 1) return escaped;
    room -= escaped.length - max;
  }
}

/** Last resort for pages that cannot fit (a header longer than the page): cut at a line. */
function fit(page: string, maxChars: number): string {
  if (page.length <= maxChars) return page;
  const cut = page.lastIndexOf('\n', maxChars - ELLIPSIS.length);
  return `${page.slice(0, cut > 0 ? cut : maxChars - ELLIPSIS.length)}${ELLIPSIS}`;
}
