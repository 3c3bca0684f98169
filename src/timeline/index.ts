import type { Document } from '../corpus/types';
import type { Sentence } from '../text/types';
import { extractEvents } from './extract';
import { mergeEvents } from './merge';
import type { TimelineEvent } from './types';

export { extractEvents } from './extract';
export { findDates } from './mentions';
export { compareEvents, mergeEvents } from './merge';
export { renderTimeline, type RenderTimelineOptions } from './render';
export { MAX_SUMMARY_CHARS } from './summary';
export type { DateMention, DatePrecision, MentionKind, TimelineEvent } from './types';

/**
 * The merged, sorted timeline of `documents` (in corpus order), from their sentences
 * (`sentences` may hold those of other documents too: each document takes its own).
 */
export function buildTimeline(documents: readonly Document[], sentences: readonly Sentence[]): TimelineEvent[] {
  const byDoc = new Map<string, Sentence[]>();
  for (const sentence of sentences) {
    const list = byDoc.get(sentence.docId);
    if (list) list.push(sentence);
    else byDoc.set(sentence.docId, [sentence]);
  }
  return mergeEvents(documents.flatMap((doc) => extractEvents(doc, byDoc.get(doc.id) ?? [])));
}
export { timeline, timelineJson, timelinePages, TimelineQueryError, type TimelineQuery, type TimelineResult } from './query';
