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
import { LEAD_WORDS, MONTH_CONTEXT, NUMBER_LEADS, QUANTITY_NOUNS } from './vocabulary';

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

const FULL_WEEKDAY = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/;
const WEEKDAY_OR_MONTH_WORD =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b/;
const MONTH_WORD =
  /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/;

/** "of" makes a month name a date only after these: "the end of March", not "a bit of January cheer". */
const PERIOD_OF = /\b(end|start|beginning|middle|month|part|half|course|rest|whole)\s+of\s*$/i;

const RELATIVE_PHRASE =
  /\b((a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(days?|weeks?|months?|years?)\s+ago|the day before yesterday|yesterday|(earlier\s+)?(last|this)\s+(night|week|month|year)|(the\s+)?end of last (week|month|year))\b/i;
const FUTURE_BEFORE =
  /\b(will|would(?! have)|may|might|shall|won't|(is|are|was|were) due|due to be|expected to|expects to|set to|scheduled|plans? to|planning to|planned|intends? to|going to|to be held|is to|are to|hopes? to|aims? to|next)\b|'ll\b|’ll\b/i;
const FUTURE_AFTER =
  /^[^,;:—–]{0,40}?\b(will|shall|is due|are due|is expected|are expected|is set to|are set to|is scheduled|are scheduled)\b/i;

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
  const reference = pub ? new Date(Date.UTC(pub.y, pub.m - 1, pub.d, 12)) : new Date(Date.UTC(2000, 0, 1, 12));
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

function resolveChrono(text: string, result: chrono.ParsedResult, pub: Ymd | null): DateMention | null {
  const raw = result.text;
  const start = result.index;
  const end = start + raw.length;
  const component = result.start;
  const known = (c: chrono.Component) => component.isCertain(c);
  const get = (c: chrono.Component) => component.get(c) ?? 0;
  const lower = raw.toLowerCase();
  const previousWord = wordBefore(text, start).toLowerCase();
  const endOfPeriod = /\b(end|start|beginning|middle|close)\s+of\b/i.test(raw) || result.tags().has('refiner/ENEndOfPeriodRefiner');
  const make = (date: string, precision: DatePrecision, kind: MentionKind) => mentionOf(text, start, end, date, precision, kind);

  // A bare weekday, possibly with a time of day: "On Wednesday", "on Monday night".
  if (known('weekday') && !known('day') && !known('month') && !known('year')) {
    const weekday = FULL_WEEKDAY.exec(raw); // "sat", "sun", "wed" are words, not days
    if (!weekday || !pub) return null;
    if (/\bweekend\b/i.test(raw) || /\b(next|this|coming)\b/i.test(raw)) return null;
    if (['next', 'this', 'coming', 'every', 'each', 'following', 'later', 'until', 'till', 'by'].includes(previousWord)) return null;
    const at = start + weekday.index;
    if (isPartOfName(text, at, at + weekday[0].length)) return null;
    if (text[at + weekday[0].length] === 's') return null; // "on Fridays": a habit, not a day
    if (hasFuturePhrasing(text, start, end)) return null;
    const strict = /\blast\b/i.test(raw) || previousWord === 'last';
    let back = (weekdayOf(pub) - get('weekday') + 7) % 7;
    if (strict && back === 0) back = 7;
    return make(formatDay(addDays(pub, -back)), 'day', 'weekday');
  }

  const relative =
    /\b(ago|last|past|this|next|coming|yesterday|today|tonight|tomorrow|now|recent|recently|previous|few|several|later)\b/.test(lower);
  if (relative || ['later', 'next', 'coming', 'within'].includes(previousWord)) {
    return pub ? resolveRelative(lower, result, pub, previousWord, make) : null;
  }

  const writesYear = /\b\d{4}\b/.test(raw);
  if (known('year') && writesYear) {
    if (isAmbiguousSlashDate(raw)) return null;
    const y = get('year');
    if (known('month') && known('day') && !endOfPeriod && isValidDay(y, get('month'), get('day'))) {
      return make(formatDay({ y, m: get('month'), d: get('day') }), 'day', 'explicit');
    }
    if (known('month')) return make(formatMonth(y, get('month')), 'month', 'explicit');
    return make(formatYear(y), 'year', 'explicit');
  }
  if (known('year')) return null; // a year chrono inferred from something that is not a date

  if (!pub || hasFuturePhrasing(text, start, end)) return null;
  if (known('month') && known('day') && !endOfPeriod) {
    // "8/13", "4/9": without a year, odds and scores as often as dates, and day-month order varies.
    if (/\d\s*\/\s*\d/.test(raw)) return null;
    // "the 11 September attacks" names an event of a known other year.
    if (/^\s*(terror|terrorist|attacks?)\b/i.test(text.slice(end))) return null;
    const m = get('month');
    const d = get('day');
    let y = m < pub.m || (m === pub.m && d <= pub.d) ? pub.y : pub.y - 1;
    while (!isValidDay(y, m, d) && y > pub.y - 8) y -= 1; // 29 February
    return isValidDay(y, m, d) ? make(formatDay({ y, m, d }), 'day', 'day-month') : null;
  }
  if (known('month')) {
    // A month name alone: only with a word that makes it a date, and capitalised.
    const month = MONTH_WORD.exec(raw);
    if (!month || !/^[A-Z]/.test(month[0])) return null;
    const lead = text.slice(0, start + month.index);
    const context = /mid-\s*$/i.test(lead) || endOfPeriod || MONTH_CONTEXT.has(previousWord) || PERIOD_OF.test(lead);
    if (!context) return null;
    if (/^\s+[A-Z][a-z]/.test(text.slice(end)) && !WEEKDAY_OR_MONTH_WORD.test(text.slice(end).trimStart())) return null;
    const m = get('month');
    const strict = previousWord === 'last';
    let y = m < pub.m || (m === pub.m && !strict) ? pub.y : pub.y - 1;
    // "in January last year", "in March of this year": the year is stated just after.
    const yearAfter = /^\s*(of\s+)?(last|this)\s+year\b/i.exec(text.slice(end));
    if (yearAfter) {
      y = yearAfter[2]!.toLowerCase() === 'last' ? pub.y - 1 : pub.y;
      return mentionOf(text, start, end + yearAfter[0].length, formatMonth(y, m), 'month', 'month');
    }
    return make(formatMonth(y, m), 'month', 'month');
  }
  return null;
}

function resolveRelative(
  lower: string,
  result: chrono.ParsedResult,
  pub: Ymd,
  previousWord: string,
  make: (date: string, precision: DatePrecision, kind: MentionKind) => DateMention,
): DateMention | null {
  // The future, generic "now"/"today", and spans of time are not dates of events.
  if (/\b(today|tonight|now|tomorrow|next|coming|past|recent|recently|few|several|later|previous)\b/.test(lower)) return null;
  if (['later', 'next', 'coming', 'within', 'for', 'every', 'each'].includes(previousWord)) return null;
  if (/\b(days|weeks|months|years)\b/.test(lower) && !/\bago\b/.test(lower)) return null; // "the last three months"
  if (/^(in|for|within)\b/.test(lower)) return null; // "in 10 days", "for a week"

  const c = result.start;
  const chronoDay: Ymd = { y: c.get('year') ?? pub.y, m: c.get('month') ?? pub.m, d: c.get('day') ?? pub.d };
  if (/\byesterday\b|\blast night\b/.test(lower) || (/\bdays?\b/.test(lower) && /\bago\b/.test(lower))) {
    if (!c.isCertain('day')) return null;
    return make(formatDay(chronoDay), 'day', 'relative');
  }
  if (/\bweeks?\b|\bfortnight\b/.test(lower)) {
    let from: Ymd;
    let to: Ymd;
    if (/\bthis week\b/.test(lower)) {
      from = mondayOf(pub);
      to = pub;
    } else {
      from = mondayOf(chronoDay);
      to = addDays(from, 6);
      if (dayNumber(to) > dayNumber(pub)) to = pub;
    }
    if (dayNumber(from) > dayNumber(pub)) return null;
    if (from.y !== to.y || from.m !== to.m) return null; // the week straddles two months
    return make(formatMonth(from.y, from.m), 'month', 'relative');
  }
  if (/\bmonths?\b/.test(lower)) {
    if (/\bthis month\b/.test(lower)) return make(formatMonth(pub.y, pub.m), 'month', 'relative');
    return c.isCertain('month') ? make(formatMonth(chronoDay.y, chronoDay.m), 'month', 'relative') : null;
  }
  if (/\byears?\b/.test(lower)) {
    if (/\bthis year\b/.test(lower)) return make(formatYear(pub.y), 'year', 'relative');
    return c.isCertain('year') ? make(formatYear(chronoDay.y), 'year', 'relative') : null;
  }
  return null;
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
    const end = start + 4;
    if (chronoSpans.some(([a, b]) => start < b && end > a)) continue;
    if (!readsAsYear(text, start, end)) continue;
    years.push({ start, end, text: match[0], date: match[0], precision: 'year', kind: 'year' });
  }
  return years;
}

function readsAsYear(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 16);
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
  return /([A-Za-z0-9'’-]+)[\s,]*$/.exec(text.slice(Math.max(0, at - 40), at))?.[1]?.replace(/-$/, '') ?? '';
}

/**
 * "Sunday Times", "Good Friday", "Super Tuesday", "Mail on Sunday": a weekday inside a name.
 * A capitalised word right before (other than a sentence's first word or a preposition)
 * or right after (other than a month or weekday) makes it one.
 */
function isPartOfName(text: string, start: number, end: number): boolean {
  const next = /^\s+([A-Z][a-z]+)/.exec(text.slice(end, end + 20))?.[1];
  if (next && !WEEKDAY_OR_MONTH_WORD.test(next)) return true;
  const before = text.slice(Math.max(0, start - 30), start);
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
  return a <= 12 && b <= 12 && a !== b;
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
