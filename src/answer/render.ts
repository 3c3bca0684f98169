import { DISCORD_MESSAGE_LIMIT, escapeInline, escapeMarkdown } from '../util/markdown';

export interface RenderedQuote {
  /** Citation number. */
  id: number;
  /** Verbatim text to show (possibly shortened with ellipses). */
  display: string;
  title: string;
  date: string | null;
  paragraph: number;
}

export interface AnswerView {
  answered: boolean;
  /** The best quote, shortened to one line; absent when abstaining. */
  lead: RenderedQuote | null;
  quotes: RenderedQuote[];
  /** Names from the question that the corpus never mentions: said when abstaining. */
  unknownNames?: string[];
  /** How to call the corpus to the user: one story, or a collection of articles. */
  scope?: 'story' | 'articles';
}

/**
 * Discord markdown for an answer. Labels are ours; everything between quote marks is corpus
 * text. Quotes are dropped from the end until the message fits Discord's limit.
 */
export function renderAnswer(view: AnswerView, maxChars = DISCORD_MESSAGE_LIMIT): string {
  for (let count = view.quotes.length; count >= 1; count--) {
    const text = renderWith(view, view.quotes.slice(0, count));
    if (text.length <= maxChars) return text;
  }
  return renderWith(view, view.quotes.slice(0, 1)).slice(0, maxChars);
}

function renderWith(view: AnswerView, quotes: RenderedQuote[]): string {
  const lines: string[] = [];
  if (view.answered && view.lead) lines.push(`**Answer:** ${quoted(view.lead.display)} [${view.lead.id}]`);
  else if (!view.answered) lines.push(notAnswered(view));
  // A lead that shows its whole sentence is not repeated in the list below it.
  const listed = quotes.filter((q) => !(view.answered && view.lead && q.id === view.lead.id && q.display === view.lead.display));
  if (listed.length) lines.push('', ...listed.map((q) => `> [${q.id}] ${quoted(q.display).replace(/\n/g, '\n> ')}`));
  lines.push('', sourcesLine(quotes));
  return lines.join('\n');
}

/** Corpus text between quotation marks, unless it already is one whole quotation. */
function quoted(text: string): string {
  const escaped = escapeInline(text);
  return /^[“"][^“”"]*[”"]$/.test(text) ? escaped : `“${escaped}”`;
}

function notAnswered(view: AnswerView): string {
  const corpus = view.scope === 'articles' ? 'The indexed articles don’t say.' : 'The story doesn’t say.';
  const names = view.unknownNames ?? [];
  const never = names.length
    ? ` (${view.scope === 'articles' ? 'They never mention' : 'It never mentions'} ${names.map((n) => `“${escapeMarkdown(n)}”`).join(' or ')}.)`
    : '';
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
    const { title, date } = group[0]!;
    const refs = group.map((q) => `[${q.id}] ¶${q.paragraph}`).join(', ');
    return `${refs}: *${escapeMarkdown(title)}*${date ? ` (${date})` : ''}`;
  });
  return `Sources: ${entries.join(' · ')}`;
}
