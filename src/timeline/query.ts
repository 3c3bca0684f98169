import { StoryQaError } from '../util/errors';
import * as chrono from 'chrono-node';
import { verbatim } from '../answer/quote';
import { sentenceSimilarity } from '../index/vectors';
import type { Engine } from '../engine/types';
import { contentTerms } from '../text/terms';
import { parseIsoDay } from './dates';
import { renderTimeline } from './render';
import type { TimelineEvent } from './types';

export interface TimelineQuery {
  /** Keep events relevant to this (e.g. "Bryan Ware", "the election"). */
  topic?: string | undefined;
  /** Keep events on or after this date (ISO year, month or day, or a written date such as "12 Nov 2020"). */
  from?: string | undefined;
  /** Keep events on or before this date. */
  to?: string | undefined;
  /** At most this many events (the most relevant when a topic is given, else the earliest). */
  limit?: number | undefined;
}

export interface TimelineResult {
  events: TimelineEvent[];
  topic: string | null;
  /** Events in the index before filtering. */
  total: number;
}

/** What is wrong with a timeline query, in fields: each surface names its own options ("--from", "`from`"). */
export type TimelineQueryProblem =
  { kind: 'unreadable-date'; bound: 'from' | 'to'; value: string } | { kind: 'reversed-range'; from: string; to: string };

export class TimelineQueryError extends StoryQaError {
  override readonly name = 'TimelineQueryError';
  constructor(readonly problem: TimelineQueryProblem) {
    super(describeTimelineProblem(problem, (bound) => bound));
  }
}

/** The problem in words, with the caller's name for the `from`/`to` options. */
export function describeTimelineProblem(problem: TimelineQueryProblem, option: (bound: 'from' | 'to') => string): string {
  return problem.kind === 'reversed-range'
    ? `${option('from')} (${problem.from}) is after ${option('to')} (${problem.to}).`
    : `Cannot read ${option(problem.bound)} "${problem.value}" as a date: use YYYY, YYYY-MM, YYYY-MM-DD or a written date with a year (e.g. "12 November 2020").`;
}

/**
 * Cosine similarity above which an event sentence counts as about the topic even without
 * sharing a word with it. Checked on the story: "the election" keeps the election events,
 * "Bryan Ware" keeps only Ware's resignation (test/timeline/query.test.ts).
 */
export const TOPIC_SIMILARITY_FLOOR = 0.42;

/** The corpus timeline, filtered by topic and date range; every quote checked verbatim. */
export async function timeline(engine: Engine, query: TimelineQuery = {}): Promise<TimelineResult> {
  const { index } = engine;
  const range = { from: query.from ? parseBound(query.from, 'from') : null, to: query.to ? parseBound(query.to, 'to') : null };
  if (range.from && range.to && range.from.first > range.to.last) {
    throw new TimelineQueryError({ kind: 'reversed-range', from: query.from!, to: query.to! });
  }
  let events = index.events.filter((event) => {
    const span = dateSpan(event.date);
    return (!range.from || span.last >= range.from.first) && (!range.to || span.first <= range.to.last);
  });

  const topic = query.topic?.replace(/\s+/g, ' ').trim() || null;
  if (topic) {
    const relevance = await topicRelevance(engine, topic, events);
    events = events.filter((_, i) => relevance[i]! > 0);
    if (query.limit !== undefined) {
      const keep = new Set(
        events
          .map((e, i) => ({ e, r: relevance[i]! }))
          .sort((a, b) => b.r - a.r)
          .slice(0, query.limit)
          .map((x) => x.e),
      );
      events = events.filter((e) => keep.has(e));
    }
  } else if (query.limit !== undefined) {
    events = events.slice(0, query.limit);
  }

  for (const event of events) {
    const doc = index.documentById.get(event.docId);
    if (!doc) throw new Error(`event cites unknown document ${event.docId}`);
    verbatim(doc, event, event.quote);
    if (!event.quote.includes(event.summary)) throw new Error(`event summary is not part of its quote (${event.docId})`);
  }
  return { events, topic, total: index.events.length };
}

/**
 * How much each event is about the topic: 0 when unrelated; otherwise the best similarity of
 * its sentences, with a bonus when they share a content word with the topic.
 */
async function topicRelevance(engine: Engine, topic: string, events: TimelineEvent[]): Promise<number[]> {
  const { index } = engine;
  const [vector] = await engine.embedder.embed([topic]);
  const terms = new Set(contentTerms(topic));
  return events.map((event) => {
    const similarity = Math.max(...event.sentenceIds.map((id) => sentenceSimilarity(index, id, vector!)));
    const shared = contentTerms(event.quote).some((term) => terms.has(term));
    if (!shared && similarity < TOPIC_SIMILARITY_FLOOR) return 0;
    return similarity + (shared ? 1 : 0);
  });
}

interface Bound {
  first: string;
  last: string;
}

/** An ISO day for each end of an event's date: 2016 spans 2016-01-01..2016-12-31. */
function dateSpan(date: string): Bound {
  if (date.length === 4) return { first: `${date}-01-01`, last: `${date}-12-31` };
  if (date.length === 7) return { first: `${date}-01`, last: `${date}-31` };
  return { first: date, last: date };
}

function parseBound(value: string, which: 'from' | 'to'): Bound {
  const text = value.trim();
  if (/^\d{4}$/.test(text)) return dateSpan(text);
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return dateSpan(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (parseIsoDay(text)) return dateSpan(text);
  } else if (/\b\d{4}\b/.test(text)) {
    // Only written dates with a year: a relative one ("last week") has no fixed meaning for a story.
    const parsed = chrono.parse(text, { instant: new Date(), timezone: 'UTC' })[0];
    if (parsed && parsed.text.length >= text.replace(/[.,]$/, '').length - 1 && parsed.start.isCertain('year')) {
      const { start } = parsed;
      const y = String(start.get('year')).padStart(4, '0');
      const m = String(start.get('month')).padStart(2, '0');
      const d = String(start.get('day')).padStart(2, '0');
      return start.isCertain('day') ? dateSpan(`${y}-${m}-${d}`) : start.isCertain('month') ? dateSpan(`${y}-${m}`) : dateSpan(y);
    }
  }
  throw new TimelineQueryError({ kind: 'unreadable-date', bound: which, value });
}

/** Pages of a timeline result, each at most `maxChars` long ("Page k/N" when several): the surface sets the limit. */
export function timelinePages(engine: Engine, result: TimelineResult, maxChars: number): string[] {
  return renderTimeline(result.events, { topic: result.topic ?? undefined, documents: engine.index.documents, maxChars });
}

/** The `--json` contract of `npm run timeline`. */
export function timelineJson(result: TimelineResult): {
  events: Pick<TimelineEvent, 'date' | 'precision' | 'summary' | 'quote' | 'docId' | 'title' | 'paragraph'>[];
} {
  return {
    events: result.events.map(({ date, precision, summary, quote, docId, title, paragraph }) => ({
      date,
      precision,
      summary,
      quote,
      docId,
      title,
      paragraph,
    })),
  };
}
