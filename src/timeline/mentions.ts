import * as chrono from 'chrono-node';
import {
  addDays,
  dayNumber,
  formatDay,
  formatMonth,
  formatYear,
  isValidDay,
  mondayOf,
  parseIsoDay,
  startsAfter,
  weekdayOf,
  type Ymd,
} from './dates';
import type { DateMention, DatePrecision, MentionKind } from './types';
import {
  LEAD_WORDS,
  MONTH_CONTEXT,
  NUMBER_LEADS,
  QUANTITY_NOUNS,
  RELATIVE_LEADS,
  SPAN_OR_FUTURE_LEADS,
  WEEKDAY_NOT_PAST_LEADS,
} from './vocabulary';

/*
 * Date expressions of news text, resolved with the publication date as reference.
 *
 * chrono-node finds the expressions; its resolution is then corrected for news conventions:
 * - A bare weekday ("on Tuesday") is the latest such day ON OR BEFORE the publication date;
 *   "last Tuesday" the latest one strictly before it. chrono takes the nearest one, which can
 *   lie after the publication date. "next/this/coming Tuesday", "every Tuesday" are skipped.
 * - A day and month without a year ("November 12", "31 December") takes the year that puts it
 *   on or before the publication date (chrono takes the closest year, which can be the next).
 * - A month name alone ("in March", "early January") is a month-precision event in the latest
 *   such month on or before the publication month, but only after a word that makes it a date
 *   ("in", "since", "early"...): "Mr March", "Theresa May", "the March rally" are not dates.
 * - "yesterday", "last night", "two days ago": day precision.
 *   "last week", "this week", "two weeks ago": the calendar week (Monday to Sunday, clipped at
 *   the publication date) at MONTH precision when it lies within one month, and skipped when it
 *   straddles two: a reader of "last week" knows the month, not the day, and a timeline that
 *   printed "the Monday of last week" would state a day the article never gave.
 *   "last month"/"this month"/"N months ago": month precision; "last year"/"this year"/"N years
 *   ago": year precision.
 * - Spans ("the past two weeks", "in recent months", "over the past year"), the future
 *   ("tomorrow", "next week", "later this year", "in 10 days") and "today"/"tonight"/"now"
 *   are skipped: in news copy "today"/"now" are mostly generic ("the computers of today",
 *   "the BBC's Today programme"), and the publication date alone is not an event.
 * - A year alone ("the 2016 election", "in 2003"): year precision, for 4-digit 19xx/20xx tokens
 *   that read as years (not "2,000", "$2000", "2000 people", "Windows 2000", "2004-05").
 * - A date that writes its year counts as written, even after the publication date.
 * - Without a publication date only expressions that write their year are kept.
 * - Times of day are ignored: "3pm on Tuesday" is Tuesday, at day precision.
 * - Anything resolved from a relative expression to a date after the publication date is dropped,
 *   and so are relative dates in clauses with future phrasing ("will meet on Thursday",
 *   "due to open on 9 November"), whose day cannot be placed before the publication date.
 */

const DAYS_PER_WEEK = 7;
const MONTHS_PER_YEAR = 12;
/** How far back 29 February (written without a year) may look for a leap year: they are at most 8 years apart (1896, 1904). */
const LEAP_DAY_SEARCH_YEARS = 8;
/** Noon UTC as the reference time, so no time-zone reading moves the reference to another day. */
const REFERENCE_HOUR_UTC = 12;
/** chrono needs a reference even without a publication date; only dates that write their year are then kept, so any day serves. */
const UNDATED_REFERENCE = new Date(Date.UTC(2000, 0, 1, REFERENCE_HOUR_UTC));

/** Context read around a 4-digit number: enough for "mid-" before it and " per cent" or a quantity noun after it. */
const YEAR_CONTEXT_BEFORE_CHARS = 12;
const YEAR_CONTEXT_AFTER_CHARS = 16;
/** Reach of `wordBefore`: longer than any word it is asked about, with the spaces and commas after it. */
const WORD_BEFORE_REACH_CHARS = 40;
/** Reach of `isPartOfName` for the capitalised word after and before a weekday ("Super Tuesday", "Tuesday Club"). */
const NAME_AFTER_REACH_CHARS = 20;
const NAME_BEFORE_REACH_CHARS = 30;

const FULL_WEEKDAY = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const WEEKDAY_OR_MONTH_WORD =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;
const MONTH_WORD =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;

/** "of" makes a month name a date only after these: "the end of March", not "a bit of January cheer". */
const PERIOD_OF = /\b(end|start|beginning|middle|month|part|half|course|rest|whole)\s+of\s*$/i;

/** A word that makes an expression relative to the publication date (resolved, or refused as a span or the future). */
const RELATIVE_WORD =
  /\b(ago|last|past|this|next|coming|yesterday|today|tonight|tomorrow|now|recent|recently|previous|few|several|later)\b/;
const RELATIVE_PHRASE =
  /\b((a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(days?|weeks?|months?|years?)\s+ago|the day before yesterday|yesterday|(earlier\s+)?(last|this)\s+(night|week|month|year)|(the\s+)?end of last (week|month|year))\b/i;
const FUTURE_BEFORE =
  /\b(will|would(?! have)|may|might|shall|won't|(is|are|was|were) due|due to be|expected to|expects to|set to|scheduled|plans? to|planning to|planned|intends? to|going to|to be held|is to|are to|hopes? to|aims? to|next)\b|'ll\b|’ll\b/i;
/** How far into its clause a date that opens it looks for future phrasing: "On Thursday, the health minister will". */
const FUTURE_AFTER_REACH_CHARS = 40;
const FUTURE_AFTER = new RegExp(
  `^[^,;:—–]{0,${FUTURE_AFTER_REACH_CHARS}}?\\b(will|shall|is due|are due|is expected|are expected|is set to|are set to|is scheduled|are scheduled)\\b`,
  'i',
);

export interface FindDatesOptions {
  /** Publication date 'YYYY-MM-DD' of the text, or null when unknown. */
  publication: string | null;
}

/**
 * Dates mentioned in `text` (usually one sentence), in text order, resolved against the
 * publication date. Mentions that cannot be placed (see the conventions above) are left out.
 */
export function findDates(text: string, publication: string | null): DateMention[] {
  const pub = parseIsoDay(publication);
  const pubIso = pub ? formatDay(pub) : null;
  const reference = pub ? new Date(Date.UTC(pub.y, pub.m - 1, pub.d, REFERENCE_HOUR_UTC)) : UNDATED_REFERENCE;
  const results = chrono.en.casual.parse(text, { instant: reference, timezone: 'UTC' }, { forwardDate: false });

  const mentions: DateMention[] = [];
  const chronoSpans: Array<[number, number]> = [];
  for (const result of results) {
    chronoSpans.push([result.index, result.index + result.text.length]);
    // chrono reads a fragment of a number ("6,000 years ago" → "000 years ago"): not a date.
    if (/\d[.,]?$/.test(text.slice(0, result.index))) continue;
    const mention = resolveChrono(text, result, pub);
    if (!mention) continue;
    if (mention.kind !== 'explicit' && pubIso && startsAfter(mention.date, pubIso)) continue;
    mentions.push(mention);
  }
  for (const year of findBareYears(text, chronoSpans)) mentions.push(year);
  return mentions.sort((a, b) => a.start - b.start);
}

/** A chrono match in its sentence, with what the resolution steps read of it. */
interface Expression {
  /** The sentence searched. */
  text: string;
  /** chrono's matched text, as written and lower-cased. */
  raw: string;
  lower: string;
  start: number;
  end: number;
  result: chrono.ParsedResult;
  /** The word before the match, lower-cased ("on", "last", "next"...). */
  previousWord: string;
  /** "the end of March", "early 2004": part of a period, so never one day. */
  endOfPeriod: boolean;
}

function expressionOf(text: string, result: chrono.ParsedResult): Expression {
  const raw = result.text;
  return {
    text,
    raw,
    lower: raw.toLowerCase(),
    start: result.index,
    end: result.index + raw.length,
    result,
    previousWord: wordBefore(text, result.index).toLowerCase(),
    endOfPeriod: /\b(end|start|beginning|middle|close)\s+of\b/i.test(raw) || result.tags().has('refiner/ENEndOfPeriodRefiner'),
  };
}

/** Whether chrono read `component` from the text rather than filling it in from the reference. */
function known(expression: Expression, component: chrono.Component): boolean {
  return expression.result.start.isCertain(component);
}

function value(expression: Expression, component: chrono.Component): number {
  return expression.result.start.get(component) ?? 0;
}

function mentionAt(expression: Expression, date: string, precision: DatePrecision, kind: MentionKind): DateMention {
  return mentionOf(expression.text, expression.start, expression.end, date, precision, kind);
}

/** chrono's reading of one expression, corrected for the news conventions above; null when it cannot be placed. */
function resolveChrono(text: string, result: chrono.ParsedResult, pub: Ymd | null): DateMention | null {
  const expression = expressionOf(text, result);
  if (isBareWeekday(expression)) return pub ? resolveWeekday(expression, pub) : null;
  if (isRelative(expression)) return pub ? resolveRelative(expression, pub) : null;
  // A year chrono inferred from something that does not write one is not a date.
  if (known(expression, 'year')) return writesYear(expression) ? resolveWrittenYear(expression) : null;
  // From here the year comes from the publication date, which a future clause may not share.
  if (!pub || hasFuturePhrasing(text, expression.start, expression.end)) return null;
  if (isDayAndMonth(expression)) return resolveDayMonth(expression, pub);
  if (known(expression, 'month')) return resolveMonthAlone(expression, pub);
  return null;
}

/** A weekday without a date, possibly with a time of day: "On Wednesday", "on Monday night". */
function isBareWeekday(expression: Expression): boolean {
  return known(expression, 'weekday') && !known(expression, 'day') && !known(expression, 'month') && !known(expression, 'year');
}

function isRelative(expression: Expression): boolean {
  return RELATIVE_WORD.test(expression.lower) || RELATIVE_LEADS.has(expression.previousWord);
}

function writesYear(expression: Expression): boolean {
  return /\b\d{4}\b/.test(expression.raw);
}

/** A day with its month, whole: "the end of November" is a part of the month, not a day. */
function isDayAndMonth(expression: Expression): boolean {
  return known(expression, 'month') && known(expression, 'day') && !expression.endOfPeriod;
}

/** "on Tuesday" is the latest Tuesday on or before the publication date, "last Tuesday" the one strictly before. */
function resolveWeekday(expression: Expression, pub: Ymd): DateMention | null {
  const weekday = FULL_WEEKDAY.exec(expression.raw); // "sat", "sun", "wed" are words, not days
  if (!weekday) return null;
  const at = expression.start + weekday.index;
  if (!isPastWeekday(expression, at, at + weekday[0].length)) return null;
  const strict = /\blast\b/i.test(expression.raw) || expression.previousWord === 'last';
  const back = daysBackToWeekday(pub, value(expression, 'weekday'), strict);
  return mentionAt(expression, formatDay(addDays(pub, -back)), 'day', 'weekday');
}

/**
 * Whether the weekday at `start..end` names a day before publication: not "next Tuesday",
 * "every Tuesday", "on Fridays" (a habit), "Good Friday" (a name) or "will meet on Thursday".
 */
function isPastWeekday(expression: Expression, start: number, end: number): boolean {
  const { text, raw, previousWord } = expression;
  if (/\bweekend\b/i.test(raw) || /\b(next|this|coming)\b/i.test(raw)) return false;
  if (WEEKDAY_NOT_PAST_LEADS.has(previousWord)) return false;
  if (isPartOfName(text, start, end)) return false;
  if (text[end] === 's') return false; // "on Fridays": a habit, not a day
  return !hasFuturePhrasing(text, expression.start, expression.end);
}

/** Days from `pub` back to the latest `weekday` (0 = Sunday) on or, when `strict`, before it. */
function daysBackToWeekday(pub: Ymd, weekday: number, strict: boolean): number {
  const back = (weekdayOf(pub) - weekday + DAYS_PER_WEEK) % DAYS_PER_WEEK;
  return strict && back === 0 ? DAYS_PER_WEEK : back;
}

/** A date that writes its year: at the precision it is written, even after the publication date. */
function resolveWrittenYear(expression: Expression): DateMention | null {
  if (isAmbiguousSlashDate(expression.raw)) return null;
  const y = value(expression, 'year');
  const m = value(expression, 'month');
  const d = value(expression, 'day');
  if (isDayAndMonth(expression) && isValidDay(y, m, d)) return mentionAt(expression, formatDay({ y, m, d }), 'day', 'explicit');
  if (known(expression, 'month')) return mentionAt(expression, formatMonth(y, m), 'month', 'explicit');
  return mentionAt(expression, formatYear(y), 'year', 'explicit');
}

/** "November 12", "31 December": in the year that puts the day on or before publication. */
function resolveDayMonth(expression: Expression, pub: Ymd): DateMention | null {
  // "8/13", "4/9": without a year, odds and scores as often as dates, and day-month order varies.
  if (/\d\s*\/\s*\d/.test(expression.raw)) return null;
  // "the 11 September attacks" names an event of a known other year.
  if (/^\s*(terror|terrorist|attacks?)\b/i.test(expression.text.slice(expression.end))) return null;
  const m = value(expression, 'month');
  const d = value(expression, 'day');
  const y = latestYearWithDay(pub, m, d);
  return y === null ? null : mentionAt(expression, formatDay({ y, m, d }), 'day', 'day-month');
}

/** The latest year in which day `d` of month `m` exists and falls on or before `pub`; null if none is near. */
function latestYearWithDay(pub: Ymd, m: number, d: number): number | null {
  let y = m < pub.m || (m === pub.m && d <= pub.d) ? pub.y : pub.y - 1;
  while (!isValidDay(y, m, d) && y > pub.y - LEAP_DAY_SEARCH_YEARS) y -= 1;
  return isValidDay(y, m, d) ? y : null;
}

/**
 * "in March", "early January": the latest such month on or before the publication month
 * ("last March" strictly before), or the year written just after ("in January last year").
 */
function resolveMonthAlone(expression: Expression, pub: Ymd): DateMention | null {
  const { text, end } = expression;
  const month = MONTH_WORD.exec(expression.raw);
  if (!month || !/^[A-Z]/.test(month[0])) return null;
  if (!readsAsMonthDate(expression, expression.start + month.index)) return null;
  // "March Madness", "May Day": a capitalised word after the month makes it a name.
  if (/^\s+[A-Z][a-z]/.test(text.slice(end)) && !WEEKDAY_OR_MONTH_WORD.test(text.slice(end).trimStart())) return null;
  const m = value(expression, 'month');
  // "in January last year", "in March of this year": the year is stated just after.
  const yearAfter = /^\s*(of\s+)?(last|this)\s+year\b/i.exec(text.slice(end));
  if (yearAfter) {
    const y = yearAfter[2]!.toLowerCase() === 'last' ? pub.y - 1 : pub.y;
    return mentionOf(text, expression.start, end + yearAfter[0].length, formatMonth(y, m), 'month', 'month');
  }
  const strict = expression.previousWord === 'last';
  const y = m < pub.m || (m === pub.m && !strict) ? pub.y : pub.y - 1;
  return mentionAt(expression, formatMonth(y, m), 'month', 'month');
}

/**
 * A month name alone is a date only after a word that makes it one ("in", "since", "mid-",
 * "the end of"): "Mr March", "Theresa May", "the March rally" are not dates.
 */
function readsAsMonthDate(expression: Expression, monthStart: number): boolean {
  const lead = expression.text.slice(0, monthStart);
  return /mid-\s*$/i.test(lead) || expression.endOfPeriod || MONTH_CONTEXT.has(expression.previousWord) || PERIOD_OF.test(lead);
}

/** "yesterday", "two days ago", "last week", "last month", "last year": see the conventions above. */
function resolveRelative(expression: Expression, pub: Ymd): DateMention | null {
  if (isSpanOrFuture(expression)) return null;
  const { lower, result } = expression;
  const component = result.start;
  const chronoDay: Ymd = { y: component.get('year') ?? pub.y, m: component.get('month') ?? pub.m, d: component.get('day') ?? pub.d };
  if (/\byesterday\b|\blast night\b/.test(lower) || (/\bdays?\b/.test(lower) && /\bago\b/.test(lower))) {
    return known(expression, 'day') ? mentionAt(expression, formatDay(chronoDay), 'day', 'relative') : null;
  }
  if (/\bweeks?\b|\bfortnight\b/.test(lower)) return resolveRelativeWeek(expression, pub, chronoDay);
  if (/\bmonths?\b/.test(lower)) {
    if (/\bthis month\b/.test(lower)) return mentionAt(expression, formatMonth(pub.y, pub.m), 'month', 'relative');
    return known(expression, 'month') ? mentionAt(expression, formatMonth(chronoDay.y, chronoDay.m), 'month', 'relative') : null;
  }
  if (/\byears?\b/.test(lower)) {
    if (/\bthis year\b/.test(lower)) return mentionAt(expression, formatYear(pub.y), 'year', 'relative');
    return known(expression, 'year') ? mentionAt(expression, formatYear(chronoDay.y), 'year', 'relative') : null;
  }
  return null;
}

/** The future, generic "now"/"today", and spans of time are not dates of events. */
function isSpanOrFuture(expression: Expression): boolean {
  const { lower } = expression;
  if (/\b(today|tonight|now|tomorrow|next|coming|past|recent|recently|few|several|later|previous)\b/.test(lower)) return true;
  if (SPAN_OR_FUTURE_LEADS.has(expression.previousWord)) return true;
  if (/\b(days|weeks|months|years)\b/.test(lower) && !/\bago\b/.test(lower)) return true; // "the last three months"
  return /^(in|for|within)\b/.test(lower); // "in 10 days", "for a week"
}

/**
 * "last week", "this week", "two weeks ago": the calendar week (Monday to Sunday, clipped at
 * the publication date) as its month, or null when it straddles two months.
 */
function resolveRelativeWeek(expression: Expression, pub: Ymd, chronoDay: Ymd): DateMention | null {
  const thisWeek = /\bthis week\b/.test(expression.lower);
  const from = thisWeek ? mondayOf(pub) : mondayOf(chronoDay);
  const sunday = addDays(from, DAYS_PER_WEEK - 1);
  const to = thisWeek || dayNumber(sunday) > dayNumber(pub) ? pub : sunday;
  if (dayNumber(from) > dayNumber(pub)) return null;
  if (from.y !== to.y || from.m !== to.m) return null;
  return mentionAt(expression, formatMonth(from.y, from.m), 'month', 'relative');
}

/**
 * Builds a mention, trimming a leading preposition ("On Tuesday" → "Tuesday") and trailing
 * punctuation from chrono's matched text.
 */
function mentionOf(text: string, start: number, end: number, date: string, precision: DatePrecision, kind: MentionKind): DateMention {
  let s = start;
  let e = end;
  for (;;) {
    const lead = /^(on|at|in|by|since|from|during)\s+/i.exec(text.slice(s, e));
    // A time of day before the date is no part of it: "midnight on 31 December", "8am on Friday".
    const time = /^(midnight|noon|midday|\d{1,2}([.:]\d{2})?\s*(am|pm|gmt|bst)?)\s+on\s+/i.exec(text.slice(s, e));
    if (time && s + time[0].length < e) {
      s += time[0].length;
      continue;
    }
    if (!lead || s + lead[0].length >= e) break;
    s += lead[0].length;
  }
  for (;;) {
    const tail = /(\s+(of|the|and)|[\s,;:—–-])$/i.exec(text.slice(s, e));
    if (!tail || e - tail[0].length <= s) break;
    e -= tail[0].length;
  }
  if (kind === 'relative') {
    // chrono may take a number before the phrase along ("$133m a year ago"): keep the phrase.
    const phrase = RELATIVE_PHRASE.exec(text.slice(s, e));
    if (phrase) {
      s += phrase.index;
      e = s + phrase[0].length;
    }
  }
  return { start: s, end: e, text: text.slice(s, e), date, precision, kind };
}

/** 4-digit years standing alone: "the 2016 election", "in 2003", "mid-2004". */
function findBareYears(text: string, chronoSpans: Array<[number, number]>): DateMention[] {
  const years: DateMention[] = [];
  for (const match of text.matchAll(/\b(19\d{2}|20\d{2})\b/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (chronoSpans.some(([a, b]) => start < b && end > a)) continue;
    if (!readsAsYear(text, start, end)) continue;
    years.push({ start, end, text: match[0], date: match[0], precision: 'year', kind: 'year' });
  }
  return years;
}

function readsAsYear(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - YEAR_CONTEXT_BEFORE_CHARS), start);
  const after = text.slice(end, end + YEAR_CONTEXT_AFTER_CHARS);
  const prev = before.slice(-1);
  // Amounts, codes, decimals, times, ranges and seasons: "$2000", "#2004", "1.2004", "20:04",
  // "2004-05", "2004/05", "2,000" (never a 4-digit token), "1999-2001".
  if (prev && /[\d$£€¥#.,/:+@&*\\-]/.test(prev) && !/\bmid-$/i.test(before)) return false;
  if (/^(%|[.,:/]\d|[-–]\d|-[a-z]|\s*per\s*cent|\s*[x×*]\s*\d)/.test(after)) return false;
  if (/^\s*[-–]\s*\d/.test(after)) return false;
  if (/^['’]s\b/.test(after) && text[end - 1] === '0') return false; // "the 1990's"
  const nextWord = /^\s*([A-Za-z][A-Za-z-]*)/.exec(after)?.[1] ?? '';
  if (QUANTITY_NOUNS.has(nextWord.toLowerCase())) return false;
  const prevWordRaw = wordBefore(text, start);
  const prevWord = prevWordRaw.toLowerCase();
  if (NUMBER_LEADS.has(prevWord)) return false;
  // "Windows 2000", "Euro 2004", "Protect 2020": a year after a capitalised word is part of a name,
  // unless that word is a preposition or the like ("In 2003", "Since 1997").
  if (/^[A-Z]/.test(prevWordRaw) && !LEAD_WORDS.has(prevWord) && !/['’]s$/.test(prevWordRaw)) return false;
  return true;
}

/** The word right before `at` (letters, digits, apostrophes, hyphens), or ''. */
function wordBefore(text: string, at: number): string {
  return /([A-Za-z0-9'’-]+)[\s,]*$/.exec(text.slice(Math.max(0, at - WORD_BEFORE_REACH_CHARS), at))?.[1]?.replace(/-$/, '') ?? '';
}

/**
 * "Sunday Times", "Good Friday", "Super Tuesday", "Mail on Sunday": a weekday inside a name.
 * A capitalised word right before (other than a sentence's first word or a preposition)
 * or right after (other than a month or weekday) makes it one.
 */
function isPartOfName(text: string, start: number, end: number): boolean {
  const next = /^\s+([A-Z][a-z]+)/.exec(text.slice(end, end + NAME_AFTER_REACH_CHARS))?.[1];
  if (next && !WEEKDAY_OR_MONTH_WORD.test(next)) return true;
  const before = text.slice(Math.max(0, start - NAME_BEFORE_REACH_CHARS), start);
  const prev = /([A-Za-z]+)\s+$/.exec(before);
  if (prev && /^[A-Z]/.test(prev[1]!) && !LEAD_WORDS.has(prev[1]!.toLowerCase())) return true;
  return false;
}

/** A slash date whose day and month could be swapped: "12/10" (UK 12 October, US December 10). */
function isAmbiguousSlashDate(raw: string): boolean {
  const match = /\b(\d{1,2})[/.](\d{1,2})\b/.exec(raw);
  if (!match || !raw.includes('/')) return false;
  const a = Number(match[1]);
  const b = Number(match[2]);
  return a <= MONTHS_PER_YEAR && b <= MONTHS_PER_YEAR && a !== b;
}

/**
 * Future phrasing before a relative date in its sentence ("will meet on Thursday", "is due to
 * open on 9 November", "will now be held on 14, 20 and 27 April"), or right after a date that
 * opens its clause ("On Thursday, ministers will..."). Such a date may lie after the
 * publication date, so it cannot be resolved to the one before it.
 */
function hasFuturePhrasing(text: string, start: number, end: number): boolean {
  const head = text.slice(0, start);
  if (FUTURE_BEFORE.test(head)) return true;
  const clauseStart = Math.max(
    head.lastIndexOf(','),
    head.lastIndexOf(';'),
    head.lastIndexOf(':'),
    head.lastIndexOf('—'),
    head.lastIndexOf(' – '),
  );
  const lead = head.slice(clauseStart + 1);
  // The date opens its clause ("On Thursday, the minister will..."): look at what follows.
  if (/^\s*(["“‘']?\s*)?((on|in|by|from|since|early|late|last|this)\s+)*$/i.test(lead)) {
    const rest = text.slice(end).replace(/^[\s,]+/, '');
    if (FUTURE_AFTER.test(rest)) return true;
  }
  return false;
}
