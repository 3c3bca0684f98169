import { sentencePairSimilarity } from '../index/vectors';
import type { Engine } from '../engine/types';
import type { IndexedSentence, SearchIndex } from '../index/types';
import { summarySentences } from '../summary';
import { judge } from './abstain';
import type { Question } from './question';
import type { Span } from '../text/types';
import { joinSpans, shortenSpan, verbatim } from './quote';
import { rankCandidates, type RankedCandidate, type Ranking, type RankOptions } from './rank';
import { renderAnswer, type RenderedQuote } from './render';
import type { Answer, Citation } from './types';

/** The lead quote is shortened past this (to the clauses with the answer and the asked words). */
const LEAD_CHARS = 300;
const QUOTE_CHARS = 420;
/** A quote that introduces what follows ("…he tweeted:") brings it along, up to this length. */
const MAX_INTRODUCED_CHARS = 600;
const MAX_QUOTES = 3;
const CLOSEST_PASSAGES = 2;
/**
 * A further quote must be at least this likely, relative to the best, under the ranker's softmax
 * (score within ln 4 of the best): it adds a second source for the same answer, not noise.
 */
const FURTHER_QUOTE_LOG_ODDS = Math.log(4);
/** Two sentences more similar than this say the same thing: only the better one is quoted. */
const REDUNDANT = 0.85;

/** How the surface shows answers: only it knows its message limit (Discord: 2,000 characters). */
export interface AnswerFormat {
  /** The rendered answer drops quotes from the end until it fits (default: no limit). */
  maxChars?: number | undefined;
}

/**
 * Answers a question with verbatim, cited sentences of the corpus, or says the corpus does not
 * answer it. `raw` may be a question already analysed (a surface that checked it first).
 */
export async function ask(engine: Engine, raw: string | Question, options: RankOptions & AnswerFormat = {}): Promise<Answer> {
  const started = performance.now();
  return composeAnswer(engine, await rankCandidates(engine, raw, options), started, options);
}

export interface SummaryOptions extends AnswerFormat {
  /** Summarise this article only; by default the whole corpus (or its one article). */
  docId?: string | undefined;
}

/** The lead and the most central distinct sentences, cited like any answer. */
export function summary(engine: Engine, options: SummaryOptions = {}): Answer {
  const started = performance.now();
  const sentences = summarySentences(engine.index, options);
  const request = { original: options.docId ? `summary of ${options.docId}` : 'summary', intent: 'overview' as const, warnings: [] };
  return cite(engine, request, sentences, {
    answered: true,
    label: 'Summary',
    started,
    timings: { embedMs: 0, searchMs: 0 },
    maxChars: options.maxChars,
  });
}

/** The answer from a question's ranking (`started`: when the question came in, for the timings). */
export function composeAnswer(
  engine: Engine,
  ranking: Ranking,
  started = performance.now() - ranking.embedMs - ranking.searchMs,
  format: AnswerFormat = {},
): Answer {
  const { question, candidates } = ranking;
  const { maxChars } = format;
  const timings = { embedMs: ranking.embedMs, searchMs: ranking.searchMs };
  if (question.intent === 'overview' && candidates.length > 0) {
    // "tl;dr" alone asks about the whole corpus; "tl;dr of the bmw recall" about the article found.
    const docId = question.terms.length > 0 ? candidates[0]!.sentence.docId : undefined;
    return cite(engine, question, summarySentences(engine.index, { docId }), {
      answered: true,
      label: 'Summary',
      started,
      timings,
      maxChars,
    });
  }
  const verdict = judge(engine.index, ranking);
  const chosen = chooseQuotes(engine.index, candidates, verdict.answered ? MAX_QUOTES : CLOSEST_PASSAGES);
  return cite(
    engine,
    question,
    chosen.map((c) => c.sentence),
    { answered: verdict.answered && chosen.length > 0, started, timings, unknownNames: verdict.unknownNames, ranking, maxChars },
  );
}

/** The best sentence and the next ones that are nearly as likely and say something else. */
function chooseQuotes(index: SearchIndex, candidates: RankedCandidate[], max: number): RankedCandidate[] {
  const chosen: RankedCandidate[] = [];
  for (const candidate of candidates) {
    if (chosen.length >= max) break;
    if (chosen.length > 0 && candidate.score < chosen[0]!.score - FURTHER_QUOTE_LOG_ODDS) break;
    const repeats = chosen.some(
      (c) => c.sentence.text === candidate.sentence.text || sentencePairSimilarity(index, candidate.sentence.id, c.sentence.id) > REDUNDANT,
    );
    if (!repeats) chosen.push(candidate);
  }
  return chosen;
}

/** What a citation needs of the question: the words to echo, how it was read, and what to tell the asker. */
type QuestionAsked = Pick<Question, 'original' | 'intent' | 'warnings'>;

interface CiteOptions {
  answered: boolean;
  label?: string;
  started: number;
  timings: { embedMs: number; searchMs: number };
  unknownNames?: string[];
  /** The ranking the sentences came from: it says which words and values to show (bold answer). */
  ranking?: Ranking;
  maxChars?: number | undefined;
}

/** Verbatim citations of `sentences`, the first as the lead, and the rendered answer. */
function cite(engine: Engine, question: QuestionAsked, sentences: IndexedSentence[], options: CiteOptions): Answer {
  const { index, embedder } = engine;
  const focus = {
    terms: options.ranking?.resolved.terms.map((t) => t.term) ?? [],
    cause: question.intent === 'reason',
  };
  const scores = new Map(options.ranking?.candidates.map((c) => [c.sentence.id, c.score]));
  const citations: Citation[] = [];
  const quotes: RenderedQuote[] = [];
  let answerSpan: Span | null = null;
  for (const sentence of sentences) {
    const doc = index.documentById.get(sentence.docId)!;
    const span = quotedSpan(index, sentence, question);
    // A sentence already inside an earlier quote (the tweet an intro line brought along) is not quoted twice.
    if (citations.some((c) => c.docId === doc.id && c.start <= span.start && span.end <= c.end)) continue;
    const id = citations.length + 1;
    const highlight = options.answered && id === 1 && options.ranking ? answerSpanIn(index, sentence, options.ranking) : null;
    if (id === 1) answerSpan = highlight;
    const quote = verbatim(doc, span);
    const score = round(scores.get(sentence.id) ?? 0);
    citations.push({
      id,
      quote,
      docId: doc.id,
      title: doc.title,
      date: doc.date,
      paragraph: sentence.paragraph,
      start: span.start,
      end: span.end,
      score,
    });
    const maxChars = options.answered && id === 1 ? LEAD_CHARS : QUOTE_CHARS;
    const display = joinSpans(doc, span, shortenSpan(doc, span, maxChars, { ...focus, keep: highlight }), highlight);
    quotes.push({ id, display, title: doc.title, date: doc.date, url: doc.url, paragraph: sentence.paragraph });
  }
  const answered = options.answered && citations.length > 0;
  return {
    question: question.original,
    answered,
    answer: renderAnswer(
      {
        answered,
        ...(options.label ? { label: options.label } : {}),
        quotes,
        unknownNames: options.unknownNames ?? [],
        scope: index.documents.length === 1 ? 'story' : 'articles',
      },
      options.maxChars,
    ),
    citations,
    model: embedder.id,
    intent: question.intent,
    answerSpan: answered ? answerSpan : null,
    timings: {
      embedMs: round(options.timings.embedMs),
      searchMs: round(options.timings.searchMs),
      totalMs: round(performance.now() - options.started),
    },
    warnings: question.warnings,
  };
}

/**
 * The short answer inside the best sentence: a value of the asked type (the one nearest the
 * asked words when there are several), or the definition of the name asked about. Document
 * offsets, verbatim by construction (it is a span of the sentence).
 */
function answerSpanIn(index: SearchIndex, sentence: IndexedSentence, ranking: Ranking): Span | null {
  const { question, resolved } = ranking;
  const doc = index.documentById.get(sentence.docId)!;
  if (question.intent === 'definition') {
    const names = new Set(resolved.terms.filter((t) => t.name || t.known).map((t) => t.term));
    const definition = sentence.analysis.definitions.find((d) =>
      doc.text
        .slice(d.subject.start, d.subject.end)
        .toLowerCase()
        .split(/\W+/)
        .some((w) => names.has(w) || [...names].some((n) => w.startsWith(n))),
    );
    return definition?.definition ?? null;
  }
  if (question.answerTypes.length === 0) return null;
  const asked = new Set(resolved.terms.map((t) => t.term));
  const values = sentence.analysis.entities.filter((e) => {
    if (!question.answerTypes.includes(e.type) && !(e.type === 'age' && question.answerTypes.includes('count'))) return false;
    const words = doc.text.slice(e.start, e.end).toLowerCase();
    return ![...asked].some((term) => words === term);
  });
  if (values.length === 0) return null;
  const positions = [...doc.text.slice(sentence.start, sentence.end).matchAll(/[\p{L}\p{N}]+/gu)]
    .filter((m) => asked.has(m[0].toLowerCase()) || [...asked].some((t) => m[0].toLowerCase().startsWith(t)))
    .map((m) => sentence.start + m.index);
  const distance = (e: Span) => (positions.length ? Math.min(...positions.map((p) => Math.abs(p - e.start))) : 0);
  return values.reduce((best, e) => (distance(e) < distance(best) ? e : best));
}

/**
 * What to quote for a sentence: the sentence itself; or, when it only introduces what follows
 * ("In response, Krebs also tweeted:"), the sentence and the paragraph it introduces; or, for a
 * question about what someone said, a quoted paragraph with the line that introduces it.
 */
function quotedSpan(index: SearchIndex, sentence: IndexedSentence, question: QuestionAsked): Span {
  const sameDoc = (id: number) => index.sentences[id]?.docId === sentence.docId;
  if (sentence.text.endsWith(':')) {
    const next = index.sentences[sentence.id + 1];
    if (!next || !sameDoc(next.id)) return sentence;
    const end = paragraphEnd(index, next);
    return end - sentence.start <= MAX_INTRODUCED_CHARS ? { start: sentence.start, end } : { start: sentence.start, end: next.end };
  }
  if (question.intent === 'quotation' && sentence.analysis.roles.includes('quotation')) {
    let first = sentence.id;
    while (sameDoc(first - 1) && index.sentences[first - 1]!.paragraph === sentence.paragraph) first--;
    const intro = index.sentences[first - 1];
    if (intro && sameDoc(intro.id) && intro.text.endsWith(':')) {
      const end = paragraphEnd(index, sentence);
      if (end - intro.start <= MAX_INTRODUCED_CHARS) return { start: intro.start, end };
    }
  }
  return sentence;
}

function paragraphEnd(index: SearchIndex, sentence: IndexedSentence): number {
  let end = sentence.end;
  for (
    let id = sentence.id + 1;
    index.sentences[id]?.docId === sentence.docId && index.sentences[id]!.paragraph === sentence.paragraph;
    id++
  ) {
    end = index.sentences[id]!.end;
  }
  return end;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
