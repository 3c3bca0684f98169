export { extractEvents } from './extract';
export { findDates } from './mentions';
export { compareEvents, mergeEvents } from './merge';
export { renderTimeline, type RenderTimelineOptions } from './render';
export { MAX_SUMMARY_CHARS } from './summary';
export type { DateMention, DatePrecision, MentionKind, TimelineEvent } from './types';
export {
  describeTimelineProblem,
  timeline,
  timelineJson,
  timelinePages,
  TimelineQueryError,
  type TimelineQuery,
  type TimelineQueryProblem,
  type TimelineResult,
} from './query';
