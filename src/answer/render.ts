import { clip } from '../util/clip';
import { escapeEcho, escapeInline, escapeMarkdown } from '../util/markdown';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './quote';

export interface RenderedQuote {
  /** Citation number. */
  id: number;
  /** Verbatim text to show (possibly shortened with ellipses). */
  display: string;
  title: string;
  date: string | null;
  /** The article's web address, when known: linked in the sources, without a preview. */
  url?: string | null | undefined;
  paragraph: number;
}

export interface AnswerView {
  answered: boolean;
  /** What the first line calls the lead quote (default "Answer"; "Summary" for overviews). */
  label?: string;
  /** The quotes, best first: when answered, the first is the lead and is not listed again. */
  quotes: RenderedQuote[];
  /** Names from the question that the corpus never mentions: said when abstaining. */
  unknownNames?: string[];
  /** How to call the corpus to the user: one story, or a collection of articles. */
  scope?: 'story' | 'articles';
}

/** At most this many of the question's unknown names are repeated back ("It never mentions …"). */
const MAX_UNKNOWN_NAMES_SHOWN = 3;

/**
 * Discord markdown for an answer. Labels are ours; everything between quote marks is corpus
 * text, the short answer in bold. Quotes are dropped from the end until the message fits.
 */
export function renderAnswer(view: AnswerView, maxChars = Number.POSITIVE_INFINITY): string {
  for (let count = view.quotes.length; count >= 1; count--) {
    const text = renderWith(view, view.quotes.slice(0, count));
    if (text.length <= maxChars) return text;
  }
  return clip(renderWith(view, view.quotes.slice(0, 1)), maxChars);
}

function renderWith(view: AnswerView, quotes: RenderedQuote[]): string {
  const lines: string[] = [];
  const [lead, ...rest] = quotes;
  if (view.answered && lead) lines.push(`**${view.label ?? 'Answer'}:** ${quoted(lead.display)} [${lead.id}]`);
  else lines.push(notAnswered(view));
  const listed = view.answered ? rest : quotes;
  if (listed.length) lines.push('', ...listed.map((q) => `> [${q.id}] ${quoted(q.display).replace(/\n/g, '\n> ')}`));
  lines.push('', sourcesLine(quotes));
  return lines.join('\n');
}

/** Corpus text between quotation marks, unless it already is one whole quotation. */
function quoted(text: string): string {
  const escaped = escapeInline(text).replaceAll(HIGHLIGHT_START, '**').replaceAll(HIGHLIGHT_END, '**');
  const plain = text.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
  return /^[“"][^“”"]*[”"]$/.test(plain) ? escaped : `“${escaped}”`;
}

function notAnswered(view: AnswerView): string {
  const corpus = view.scope === 'articles' ? 'The indexed articles don’t say.' : 'The story doesn’t say.';
  const names = view.unknownNames ?? [];
  const shown = names.slice(0, MAX_UNKNOWN_NAMES_SHOWN).map((n) => `“${escapeEcho(clip(n, 40))}”`);
  if (names.length > shown.length)
    shown.push(`${names.length - shown.length} other name${names.length - shown.length === 1 ? '' : 's'} you used`);
  const never = shown.length ? ` (${view.scope === 'articles' ? 'They never mention' : 'It never mentions'} ${shown.join(' or ')}.)` : '';
  return `${corpus}${never} The closest passages, which do not answer the question:`;
}

/** One entry per cited document: its citations with paragraphs, title and date. */
function sourcesLine(quotes: RenderedQuote[]): string {
  const byDocument = new Map<string, RenderedQuote[]>();
  for (const quote of quotes) {
    const key = `${quote.title}\u0000${quote.date ?? ''}`;
    byDocument.set(key, [...(byDocument.get(key) ?? []), quote]);
  }
  const entries = [...byDocument.values()].map((group) => {
    const { title, date, url } = group[0]!;
    const refs = group.map((q) => `[${q.id}] ¶${q.paragraph}`).join(', ');
    // <url>: a link without an embedded preview, so the answer stays one compact message.
    return `${refs}: *${escapeMarkdown(title)}*${date ? ` (${date})` : ''}${url ? ` <${url}>` : ''}`;
  });
  // Subtext (-#): the sources read as a footnote under the quotes.
  return `-# Sources: ${entries.join(' · ')}`;
}
