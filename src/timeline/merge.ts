import type { TimelineEvent } from './types';

/**
 * One event per dated statement, in chronological order.
 *
 * - Events of the same document with the same date whose sentences overlap become one: its
 *   quote covers theirs, its sentence ids are the union, and it keeps the mention and summary
 *   of the most explicit mention (a written year beats a day-month, which beats a weekday or a
 *   relative phrase), the earliest one on ties.
 * - A year- or month-precision event whose sentences overlap those of an event dated inside it
 *   is absorbed by the more precise one: "the 2020 election" in the sentence that also says
 *   "On Tuesday, November 17" adds nothing to the 2020-11-17 event.
 * - Sorted by `compareEvents`.
 */
export function mergeEvents(events: TimelineEvent[]): TimelineEvent[] {
  const docOrder = documentOrder(events);
  const merged: TimelineEvent[] = [];
  const groups = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const key = `${event.docId}\u0000${event.date}`;
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  for (const group of groups.values()) merged.push(...mergeSameDate(group));

  const kept = merged.filter(
    (coarse) =>
      coarse.precision === 'day' ||
      !merged.some(
        (fine) => fine !== coarse && fine.docId === coarse.docId && fine.date.startsWith(`${coarse.date}-`) && overlaps(fine, coarse),
      ),
  );
  return kept.sort((a, b) => compareEvents(a, b, docOrder));
}

/**
 * Chronological order: a year before its months, a month before its days
 * (2020 < 2020-11 < 2020-11-03): ISO strings at their precision compare that way.
 * Ties go by document (in `docOrder`, else by id), then position in the document.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent, docOrder?: Map<string, number>): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.docId !== b.docId) {
    const da = docOrder?.get(a.docId);
    const db = docOrder?.get(b.docId);
    if (da !== undefined && db !== undefined && da !== db) return da - db;
    return a.docId < b.docId ? -1 : 1;
  }
  return a.start - b.start || mentionOffset(a) - mentionOffset(b) || a.end - b.end;
}

/** Documents in the order they first appear among `events` (the corpus order). */
function documentOrder(events: TimelineEvent[]): Map<string, number> {
  const order = new Map<string, number>();
  for (const event of events) if (!order.has(event.docId)) order.set(event.docId, order.size);
  return order;
}

function mergeSameDate(group: TimelineEvent[]): TimelineEvent[] {
  const sorted = [...group].sort((a, b) => a.start - b.start || a.end - b.end);
  const clusters: TimelineEvent[][] = [];
  for (const event of sorted) {
    const cluster = clusters.find((c) => c.some((other) => overlaps(event, other)));
    if (cluster) cluster.push(event);
    else clusters.push([event]);
  }
  return clusters.map((cluster) => {
    if (cluster.length === 1) return cluster[0]!;
    const best = [...cluster].sort(
      (a, b) => specificity(b.mention) - specificity(a.mention) || absoluteMention(a) - absoluteMention(b),
    )[0]!;
    const first = cluster.reduce((a, b) => (b.start < a.start ? b : a));
    const start = first.start;
    const end = Math.max(...cluster.map((e) => e.end));
    // The quotes overlap, so their union is one stretch of the text; rebuild it from the pieces.
    let quote = first.quote;
    for (const event of [...cluster].sort((a, b) => a.start - b.start)) {
      const covered = start + quote.length;
      if (event.end > covered) quote += event.quote.slice(covered - event.start);
    }
    return {
      ...best,
      quote,
      start,
      end,
      paragraph: first.paragraph,
      sentenceIds: [...new Set(cluster.flatMap((e) => e.sentenceIds))].sort((a, b) => a - b),
    };
  });
}

function overlaps(a: TimelineEvent, b: TimelineEvent): boolean {
  if (a.docId !== b.docId) return false;
  if (a.sentenceIds.some((id) => b.sentenceIds.includes(id))) return true;
  return a.start < b.end && b.start < a.end;
}

/** How much a mention writes out: a year (3), a month name or day number (2), else (1). */
function specificity(mention: string): number {
  if (/\b\d{4}\b/.test(mention)) return 3;
  if (/\d|January|February|March|April|May|June|July|August|September|October|November|December/i.test(mention)) return 2;
  return 1;
}

function mentionOffset(event: TimelineEvent): number {
  const at = event.quote.indexOf(event.mention);
  return at < 0 ? 0 : at;
}

function absoluteMention(event: TimelineEvent): number {
  return event.start + mentionOffset(event);
}
