/*
 * Short verbatim summaries of dated sentences: a contiguous piece of the sentence, cut at clause
 * boundaries, preferring the clause that carries the event and dropping a leading date phrase
 * ("On Tuesday, November 17, Krebs had tweeted a report citing 59 election security experts
 * saying..." → "Krebs had tweeted a report citing 59 election security experts").
 */

import type { Span } from '../text/types';
import {
  ADVERBIAL_LEAD,
  DANGLING,
  DATE_FILLER,
  ING_PREPOSITIONS,
  NOT_VERBS_ED,
  NO_SPLIT_AFTER,
  PHRASE_WORDS,
  SPLIT_BEFORE,
  STANDALONE_OPENERS,
  VERBS,
} from './vocabulary';

/** Summaries stay under this length (Discord lines stay readable); a whole clause may run 10 over. */
export const MAX_SUMMARY_CHARS = 110;
/** A single clause up to this much over the limit is kept whole. */
const CLAUSE_TOLERANCE_CHARS = 10;
/** A piece shorter than this, or without a verb, borrows a neighbouring clause if it fits. */
const MIN_COMFORTABLE_CHARS = 40;
/** A cut before a phrase word is taken only when it keeps this much of the window; else a later word end keeps more. */
const MIN_PHRASE_CUT_CHARS = 70;
/** A date late in a long clause keeps at least this much of the window before it, so the summary says what happened. */
const LATE_FOCUS_LEAD_CHARS = 20;
/** Without a date to focus on, a clause shorter than this is a fragment ("he said"), not the main clause. */
const MIN_MAIN_CLAUSE_CHARS = 12;
/** A leading date phrase is dropped only when at least this many words follow it in its clause. */
const MIN_WORDS_AFTER_DATE_PHRASE = 3;
/** A weak lead word ("and", "saying", "after doing") is dropped only when this much of the clause is left. */
const MIN_CHARS_AFTER_WEAK_LEAD = 20;
/** Rounds of mending unbalanced quote marks and brackets, one mark a round: a piece needing more is left as it is. */
const MAX_TIDY_ROUNDS = 3;
/** An unclosed "(" this far into a summary ends it there; nearer the start, cutting would leave too little, so it stays. */
const MIN_CHARS_BEFORE_OPEN_BRACKET = 20;
/** Shorter "-ed" words are rarely verbs ("bed", "red", "need", "shed"). */
const MIN_ED_WORD_CHARS = 5;
/** Shorter "-ing" words are rarely participles ("thing", "king", "bring"). */
const MIN_ING_WORD_CHARS = 6;
/** How far back `wordBefore` looks: longer than any word it is asked about. */
const WORD_BEFORE_REACH_CHARS = 30;

type BoundaryKind = 'start' | 'punct' | 'word' | 'sentence';

interface Clause extends Span {
  /** What separates this clause from the previous one. */
  boundary: BoundaryKind;
}

/** White space before a subordinating word, where a clause is split. */
const BEFORE_SPLIT_WORD = new RegExp(`\\s+(?=(${[...SPLIT_BEFORE].join('|')})\\b)`, 'g');
/** White space before a word that opens a phrase: where a long clause reads best cut. */
const BEFORE_PHRASE_WORD = new RegExp(`\\s(?=(${[...PHRASE_WORDS].join('|')})\\s)`, 'g');
const WEAK_LEAD = /^(and|but|or|so|then|saying|after|when|while|because|although|though|whereas|despite)\s+/i;
const GERUND_LEAD = /^(for|by|after|before|since|on|upon|in|while|when|without)\s+(?=[a-z]+ing\b)/i;

/**
 * The span of `text` to show as its summary. `focus` is the date expression the summary is
 * for (its clause is preferred, and a leading date phrase is dropped); without one, the first
 * clause that carries a verb is taken. `allowSentences` lets the summary run over sentence ends
 * (for an embedded post whose text is several short sentences).
 */
export function summarize(text: string, focus: Span | null, options: { allowSentences?: boolean } = {}): Span {
  const allowSentences = options.allowSentences ?? false;
  const clauses = splitClauses(text, focus, allowSentences);
  if (clauses.length === 0) return fallback(text);

  const index = focus ? focusClause(text, clauses, focus) : firstClauseWithVerb(text, clauses);
  let best = grow(text, clauses, index, focus, allowSentences);
  if (saysTooLittle(text, best, focus)) best = clauseWithVerbInstead(text, clauses, index, focus, allowSentences) ?? best;
  const tidied = tidy(text, best);
  return tidied.end > tidied.start ? tidied : fallback(text);
}

/** The clause holding the date; when it holds nothing but the date, the next clause that does, else the one before. */
function focusClause(text: string, clauses: Clause[], focus: Span): number {
  const index = Math.max(
    0,
    clauses.findIndex((c) => focus.start >= c.start && focus.start < c.end),
  );
  if (!isDateOnly(text, clauses[index]!, focus)) return index;
  const after = clauses.findIndex((c, i) => i > index && !isDateOnly(text, c, focus));
  if (after >= 0) return after;
  const before = findLastIndex(clauses, (c, i) => i < index && !isDateOnly(text, c, focus));
  return before >= 0 ? before : index;
}

/** Without a date to focus on: the first clause with a verb that is more than a fragment ("he said"). */
function firstClauseWithVerb(text: string, clauses: Clause[]): number {
  return Math.max(
    0,
    clauses.findIndex((c) => hasVerb(text.slice(c.start, c.end)) && c.end - c.start >= MIN_MAIN_CLAUSE_CHARS),
  );
}

/**
 * A summary without a verb that could not grow ("Effective immediately", "on Monday asking him
 * to apologise") says too little. A verb-less noun phrase that names its subject ("Humphrey
 * Bogart in Casablanca (1944)") is enough.
 */
function saysTooLittle(text: string, span: Span, focus: Span | null): boolean {
  const piece = text.slice(span.start, span.end);
  return !hasVerb(piece) && (!focus || !/^["“‘']?[A-Z]/.test(piece));
}

/** The sentence's main clause, else the next clause with a verb after `index`, grown; null when that has no verb either. */
function clauseWithVerbInstead(text: string, clauses: Clause[], index: number, focus: Span | null, allowSentences: boolean): Span | null {
  const first = clauses[0]!;
  const main = index > 0 && hasVerb(text.slice(first.start, first.end)) && !isDateOnly(text, first, focus) ? 0 : -1;
  const next =
    main >= 0 ? main : clauses.findIndex((c, i) => i > index && hasVerb(text.slice(c.start, c.end)) && !isDateOnly(text, c, focus));
  if (next < 0) return null;
  const other = grow(text, clauses, next, focus, allowSentences);
  return hasVerb(text.slice(other.start, other.end)) ? other : null;
}

/** The clauses a summary is grown over, and what may join it. */
interface Growing {
  text: string;
  clauses: Clause[];
  focus: Span | null;
  allowSentences: boolean;
}

/** A summary being grown: clauses `lo..hi`, shown from `start` (which may lie inside clause `lo`). */
interface Grown {
  lo: number;
  hi: number;
  start: number;
}

/** The summary grown from the clause at `index` over its neighbours, then cut to the limit if need be. */
function grow(text: string, clauses: Clause[], index: number, focus: Span | null, allowSentences: boolean): Span {
  const growing: Growing = { text, clauses, focus, allowSentences };
  const { lo, hi, start } = extend(growing, withSubject(growing, index));
  const span = { start, end: clauses[hi]!.end };
  // A whole clause a little over the limit reads better than one cut short.
  const whole = lo === hi && span.end - span.start <= MAX_SUMMARY_CHARS + CLAUSE_TOLERANCE_CHARS;
  return span.end - span.start > MAX_SUMMARY_CHARS && !whole ? cutWindow(text, span, focus) : span;
}

/**
 * The anchor clause at `index`, from after its lead; one that opens on its verb ("had handed in
 * his resignation on November 12") takes its subject from the clauses before it when they fit.
 */
function withSubject(growing: Growing, index: number): Grown {
  const { text, clauses, focus } = growing;
  const anchor = clauses[index]!;
  const start = stripLead(text, anchor, focus);
  const anchored = { lo: index, hi: index, start };
  if (!startsWithVerb(text.slice(start, anchor.end)) || anchor.boundary === 'start' || !joinable(growing, anchor)) return anchored;
  for (let i = index - 1; i >= 0; i -= 1) {
    const c = clauses[i]!;
    if (!fits(c.start, anchor.end) || isDateOnly(text, c, focus)) break;
    if (/^["“‘']?[A-Z]/.test(text.slice(c.start, c.end)) || c.boundary === 'start') return { lo: i, hi: index, start: c.start };
    if (!joinable(growing, c)) break;
  }
  return anchored;
}

/**
 * Joins neighbouring clauses while the summary fits: on the right while it is short or has no
 * verb (or, in a post, to finish the sentence, or to take an infinitive "to ..."), on the left
 * while it has no verb.
 */
function extend(growing: Growing, grown: Grown): Grown {
  const { text, clauses, focus, allowSentences } = growing;
  let { lo, hi, start } = grown;
  for (;;) {
    const end = clauses[hi]!.end;
    const piece = text.slice(start, end);
    const needsMore = !hasVerb(piece) || piece.length < MIN_COMFORTABLE_CHARS;
    const next = clauses[hi + 1];
    const canRight = next !== undefined && joinable(growing, next) && !isDateOnly(text, next, focus) && fits(start, next.end);
    // In a post, a sentence is finished rather than cut at a comma ("Defend Today, Secure Tomorrow").
    const finishSentence = allowSentences && next !== undefined && next.boundary !== 'sentence';
    if (canRight && (needsMore || finishSentence || /^to\s/i.test(text.slice(next.start, next.end)))) {
      hi += 1;
      continue;
    }
    const prev = clauses[lo - 1];
    const current = clauses[lo]!;
    const canLeft =
      prev !== undefined &&
      joinable(growing, current) &&
      current.boundary !== 'word' &&
      !isDateOnly(text, prev, focus) &&
      fits(prev.start, end);
    if (canLeft && !hasVerb(piece)) {
      lo -= 1;
      start = prev.start;
      continue;
    }
    return { lo, hi, start };
  }
}

function fits(from: number, to: number): boolean {
  return to - from <= MAX_SUMMARY_CHARS;
}

/** Whether a clause may join the one before it: not across a sentence end, except in a post. */
function joinable(growing: Growing, clause: Clause): boolean {
  return clause.boundary !== 'sentence' || growing.allowSentences;
}

/** Clause spans of `text`, never splitting inside `focus`. */
function splitClauses(text: string, focus: Span | null, allowSentences: boolean): Clause[] {
  const clauses: Clause[] = [];
  let cursor = 0;
  let kind: BoundaryKind = 'start';
  const push = (from: number, to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) return;
    clauses.push({ start: from + lead, end: from + lead + trimmed.length, boundary: kind });
  };
  for (const b of clauseBoundaries(text, focus, allowSentences)) {
    if (b.start < cursor) continue;
    push(cursor, b.start);
    cursor = b.end;
    // A word boundary keeps its word in the next clause; punctuation is dropped.
    kind = clauses.length === 0 ? 'start' : b.kind;
  }
  push(cursor, text.length);
  if (clauses[0]) clauses[0].boundary = 'start';
  return clauses;
}

/**
 * Where clauses may end, in text order (the longer first of two that start together):
 * punctuation, dashes, before a subordinating word and, with `allowSentences`, sentence ends.
 */
function clauseBoundaries(text: string, focus: Span | null, allowSentences: boolean): Array<Span & { kind: BoundaryKind }> {
  const boundaries: Array<Span & { kind: BoundaryKind }> = [];
  const add = (start: number, end: number, kind: BoundaryKind) => {
    if (focus && start < focus.end && end > focus.start) return;
    boundaries.push({ start, end, kind });
  };
  for (const m of text.matchAll(/[,;:](?=\s|["”’]|$)/g)) add(m.index, m.index + 1, 'punct');
  for (const m of text.matchAll(/\s+[—–-]+\s+|—/g)) add(m.index, m.index + m[0].length, 'punct');
  for (const m of text.matchAll(BEFORE_SPLIT_WORD)) {
    const previous = wordBefore(text, m.index);
    if (previous && NO_SPLIT_AFTER.has(previous)) continue;
    add(m.index, m.index + m[0].length, 'word');
  }
  if (allowSentences) {
    for (const m of text.matchAll(/[.!?…]+["”’)]*(?=\s)/g)) add(m.index, m.index + m[0].length, 'sentence');
  }
  return boundaries.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A clause that holds the focused date and nothing but filler words ("On Tuesday", "in 2004"). */
function isDateOnly(text: string, clause: Clause, focus: Span | null): boolean {
  const raw = text.slice(clause.start, clause.end);
  let rest = raw;
  if (focus && focus.start < clause.end && focus.end > clause.start) {
    rest = text.slice(clause.start, Math.max(clause.start, focus.start)) + ' ' + text.slice(Math.min(clause.end, focus.end), clause.end);
  } else if (!/\b(19|20)\d{2}\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(raw)) {
    return false;
  }
  const words = rest.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.every((w) => DATE_FILLER.has(w) || /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.test(w));
}

/** Where the anchor's summary may start: after a leading date phrase and weak lead words. */
function stripLead(text: string, clause: Clause, focus: Span | null): number {
  let start = focus && focus.start >= clause.start && focus.end <= clause.end ? afterDatePhrase(text, clause, focus) : clause.start;
  for (;;) {
    const piece = text.slice(start, clause.end);
    const weak = WEAK_LEAD.exec(piece) ?? GERUND_LEAD.exec(piece);
    if (!weak || piece.length - weak[0].length < MIN_CHARS_AFTER_WEAK_LEAD) break;
    start += weak[0].length;
  }
  return start;
}

/**
 * Where a clause holding `focus` may start: after the date when it opens the clause as an
 * adverbial phrase ("On Tuesday the minister...", "In 2003, ...", "Yesterday the firm...") and
 * enough follows; an attributive one ("The 1964 film", "December's record") stays.
 */
function afterDatePhrase(text: string, clause: Clause, focus: Span): number {
  const lead =
    text
      .slice(clause.start, focus.start)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [];
  const after = text.slice(focus.end);
  const adverbial =
    /^\s*,/.test(after) ||
    lead.some((w) => ADVERBIAL_LEAD.has(w)) ||
    (lead.length === 0 && /[A-Za-z]/.test(text.slice(focus.start, focus.end)));
  if (!lead.every((w) => DATE_FILLER.has(w)) || !adverbial || /^['’]s\b/.test(after)) return clause.start;
  const rest = focus.end + (/^[\s,]*/.exec(after)?.[0].length ?? 0);
  return (text.slice(rest, clause.end).match(/\S+/g) ?? []).length >= MIN_WORDS_AFTER_DATE_PHRASE ? rest : clause.start;
}

/** Cuts a span longer than the limit to a window of whole words around the focus. */
function cutWindow(text: string, span: Span, focus: Span | null): Span {
  const cuts = cutPoints(text, span);
  const inFocus = focus && focus.start >= span.start && focus.end <= span.end ? focus : null;
  if (!inFocus || inFocus.end - span.start <= MAX_SUMMARY_CHARS) return keepStart(span, inFocus, cuts);
  // The date lies late in a long clause: end at the clause end or shortly after the date.
  const end = endAfterLateFocus(span, inFocus, cuts);
  return { start: startBeforeLateFocus(text, end, inFocus, cuts), end };
}

/** Where a long span may be cut, as offsets of the white space to cut at. */
interface CutPoints {
  /** Before a word that opens a phrase ("and", "which", "in"...): cuts that read best. */
  phrases: number[];
  /** Between any two words, except after one that needs what follows ("the", "of", "shortly"...). */
  words: number[];
}

function cutPoints(text: string, span: Span): CutPoints {
  const piece = text.slice(span.start, span.end);
  const phrases: number[] = [];
  for (const m of piece.matchAll(BEFORE_PHRASE_WORD)) {
    const previous = wordBefore(text, span.start + m.index);
    if (previous && NO_SPLIT_AFTER.has(previous)) continue;
    phrases.push(span.start + m.index);
  }
  const words: number[] = [];
  for (const m of piece.matchAll(/\s/g)) {
    const previous = wordBefore(text, span.start + m.index);
    if (previous && (NO_SPLIT_AFTER.has(previous) || DANGLING.has(previous))) continue;
    words.push(span.start + m.index);
  }
  return { phrases, words };
}

/** The window from the span's start: to a phrase boundary that keeps most of it, else the last whole word. */
function keepStart(span: Span, inFocus: Span | null, cuts: CutPoints): Span {
  const start = span.start;
  const floor = Math.max(start + MIN_COMFORTABLE_CHARS, inFocus?.end ?? 0);
  const ceiling = start + MAX_SUMMARY_CHARS;
  const lastWithin = (points: number[]) => points.filter((p) => p >= floor && p <= ceiling).pop();
  const phrase = lastWithin(cuts.phrases);
  const end =
    (phrase !== undefined && phrase - start >= MIN_PHRASE_CUT_CHARS ? phrase : undefined) ??
    lastWithin(cuts.words) ??
    phrase ??
    cuts.words.filter((p) => p <= ceiling && p > start).pop();
  return { start, end: end ?? Math.min(span.end, ceiling) };
}

/** Where a window around a late date ends: the span's end if the date leaves room, else a cut just after the date. */
function endAfterLateFocus(span: Span, inFocus: Span, cuts: CutPoints): number {
  const reach = MAX_SUMMARY_CHARS - LATE_FOCUS_LEAD_CHARS;
  if (span.end - inFocus.start <= reach) return span.end;
  return cuts.phrases.find((p) => p >= inFocus.end && p - inFocus.start <= reach) ?? cuts.words.find((p) => p >= inFocus.end) ?? span.end;
}

/** Where a window that ends at `end` starts: as early as the limit allows, preferring a phrase that stands alone. */
function startBeforeLateFocus(text: string, end: number, inFocus: Span, cuts: CutPoints): number {
  const floor = end - MAX_SUMMARY_CHARS;
  const firstWithin = (points: number[]) => points.map((p) => p + 1).find((p) => p >= floor && p <= inFocus.start);
  // "in the wake of..." opens a summary well; "from cyber-attacks..." does not.
  const standalone = cuts.phrases.filter((p) => STANDALONE_OPENERS.has(/^\s([a-z]+)\s/.exec(text.slice(p))?.[1] ?? ''));
  return firstWithin(standalone) ?? firstWithin(cuts.phrases) ?? firstWithin(cuts.words) ?? inFocus.start;
}

/** The word right before `at`, lower-cased, or undefined. */
function wordBefore(text: string, at: number): string | undefined {
  return /([A-Za-z’']+)\W*$/.exec(text.slice(Math.max(0, at - WORD_BEFORE_REACH_CHARS), at))?.[1]?.toLowerCase();
}

/** Drops surrounding white space, punctuation and unbalanced quote marks. */
function tidy(text: string, span: Span): Span {
  let { start, end } = span;
  const trim = () => {
    while (start < end && /[\s,;:—–(-]/.test(text[start]!)) start += 1;
    while (end > start && /[\s,;:—–.(-]/.test(text[end - 1]!)) end -= 1;
  };
  trim();
  for (let round = 0; round < MAX_TIDY_ROUNDS; round += 1) {
    const piece = text.slice(start, end);
    const opens = (piece.match(/[“‘]/g) ?? []).length;
    const closes = (piece.match(/[”’](?![a-z])/g) ?? []).length;
    const straight = (piece.match(/"/g) ?? []).length;
    if (/^[“‘]/.test(piece) && opens > closes) start += 1;
    else if (/[”]$/.test(piece) && closes > opens) end -= 1;
    else if (straight % 2 === 1 && piece.startsWith('"')) start += 1;
    else if (straight % 2 === 1 && piece.endsWith('"')) end -= 1;
    else if (/\)$/.test(piece) && !piece.includes('(')) end -= 1;
    else if (piece.lastIndexOf('(') > piece.lastIndexOf(')') && piece.lastIndexOf('(') > MIN_CHARS_BEFORE_OPEN_BRACKET)
      end = start + piece.lastIndexOf('(');
    else if (piece.indexOf(')') >= 0 && (piece.indexOf('(') < 0 || piece.indexOf(')') < piece.indexOf('(')))
      start += piece.indexOf(')') + 1;
    else break;
    trim();
  }
  return { start, end };
}

/** The first whole words of `text`, up to the limit. */
function fallback(text: string): Span {
  const lead = text.length - text.trimStart().length;
  const trimmedEnd = text.trimEnd().length;
  if (trimmedEnd - lead <= MAX_SUMMARY_CHARS) return { start: lead, end: trimmedEnd };
  const cut = text.lastIndexOf(' ', lead + MAX_SUMMARY_CHARS);
  if (cut > lead) return { start: lead, end: text.slice(lead, cut).trimEnd().length + lead };
  const space = text.indexOf(' ', lead);
  return { start: lead, end: space > lead ? space : trimmedEnd };
}

export function hasVerb(piece: string): boolean {
  const words = piece.toLowerCase().match(/[a-z’']+/g) ?? [];
  return words.some(isVerb);
}

/** A listed verb, or a past tense or participle in "-ed". */
function isVerb(word: string): boolean {
  return VERBS.has(word.replace(/'/g, '’')) || (word.length >= MIN_ED_WORD_CHARS && word.endsWith('ed') && !NOT_VERBS_ED.has(word));
}

/** Opens on a verb or participle, so its subject lies before it ("had handed...", "dating from 1945"). */
function startsWithVerb(piece: string): boolean {
  const first = /^\s*([a-z’']+)/.exec(piece)?.[1];
  if (first === undefined) return false;
  if (isVerb(first)) return true;
  return first.length >= MIN_ING_WORD_CHARS && first.endsWith('ing') && !ING_PREPOSITIONS.has(first);
}

function findLastIndex<T>(items: T[], predicate: (item: T, index: number) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i]!, i)) return i;
  return -1;
}
