import type { Engine } from '../engine/types';
import { searchChunks, type ChunkSearchOptions } from '../index/search';
import { parseQuestion, type Question } from './question';
import type { IndexedSentence, SearchIndex } from '../index/types';
import { joinSpans, shortenSpan, verbatim, type Span } from './quote';
import { renderAnswer, type RenderedQuote } from './render';
import { judge } from './abstain';
import { DEFAULT_SELECTION, scoreSentences, selectSentences, type ScoredSentence } from './select';
import type { Answer, Citation } from './types';

const LEAD_CHARS = 220;
const MAX_INTRODUCED_CHARS = 600;
const QUOTE_CHARS = 420;
const CLOSEST_PASSAGES = 2;

export interface Ranking {
  question: Question;
  /** Candidate sentences, best first. */
  scored: ScoredSentence[];
  embedMs: number;
  searchMs: number;
}

/** Embeds the question, retrieves chunks (dense + BM25) and ranks their sentences. */
export async function rankSentences(engine: Engine, rawQuestion: string, options: ChunkSearchOptions = {}): Promise<Ranking> {
  const started = performance.now();
  const question = parseQuestion(rawQuestion);
  const [queryVector] = await engine.embedder.embed([question.text]);
  const embedded = performance.now();
  const chunks = searchChunks(engine.index, queryVector!, question.text, options);
  const scored = scoreSentences(engine.index, question, queryVector!, chunks);
  return { question, scored, embedMs: embedded - started, searchMs: performance.now() - embedded };
}

/** Answers a question with verbatim, cited sentences of the corpus, or says the corpus does not answer it. */
export async function ask(engine: Engine, rawQuestion: string): Promise<Answer> {
  const started = performance.now();
  return composeAnswer(engine, await rankSentences(engine, rawQuestion), started);
}

/** The answer from a question's ranked sentences (`started`: when the question came in, for the timings). */
export function composeAnswer(engine: Engine, ranking: Ranking, started = performance.now() - ranking.embedMs - ranking.searchMs): Answer {
  const { question, scored, embedMs, searchMs } = ranking;
  const { index, embedder } = engine;

  const verdict = judge(index, question, scored);
  const answered = verdict.answered;
  const chosen = answered
    ? selectSentences(index, scored)
    : selectSentences(index, scored, { ...DEFAULT_SELECTION, max: CLOSEST_PASSAGES, relativeFloor: 0 });

  const focus = { terms: question.terms, cause: question.type === 'why' };
  const citations: Citation[] = [];
  const quotes: RenderedQuote[] = [];
  let lead: RenderedQuote | null = null;
  for (const { sentence, score } of chosen) {
    const doc = index.documentById.get(sentence.docId)!;
    const span = quotedSpan(index, sentence);
    // A sentence already inside an earlier quote (the tweet an intro line brought along) is not quoted twice.
    if (citations.some((c) => c.docId === doc.id && c.start <= span.start && span.end <= c.end)) continue;
    const id = citations.length + 1;
    const quote = verbatim(doc, span);
    citations.push({
      id,
      quote,
      docId: doc.id,
      title: doc.title,
      date: doc.date,
      paragraph: sentence.paragraph,
      start: span.start,
      end: span.end,
      score: round(score),
    });
    const shown = { id, title: doc.title, date: doc.date, paragraph: sentence.paragraph };
    quotes.push({ ...shown, display: joinSpans(doc, span, shortenSpan(doc, span, QUOTE_CHARS, focus)) });
    if (answered && id === 1) lead = { ...shown, display: joinSpans(doc, span, shortenSpan(doc, span, LEAD_CHARS, focus)) };
  }

  const finished = performance.now();
  return {
    question: question.text,
    answered: answered && citations.length > 0,
    answer: renderAnswer({
      answered: answered && citations.length > 0,
      lead,
      quotes,
      unknownNames: verdict.unknownNames,
      scope: index.documents.length === 1 ? 'story' : 'articles',
    }),
    citations,
    model: embedder.id,
    timings: { embedMs: round(embedMs), searchMs: round(searchMs), totalMs: round(finished - started) },
    warnings: question.warning ? [question.warning] : [],
    questionType: question.type,
  };
}

/**
 * What to quote for a sentence: the sentence itself, or, when it only introduces what follows
 * ("In response, Krebs also tweeted:"), the sentence and the paragraph it introduces.
 */
function quotedSpan(index: SearchIndex, sentence: IndexedSentence): Span {
  if (!sentence.text.endsWith(':')) return sentence;
  const next = index.sentences[sentence.id + 1];
  if (!next || next.docId !== sentence.docId) return sentence;
  let end = next.end;
  for (let id = next.id + 1; index.sentences[id]?.docId === sentence.docId && index.sentences[id]!.paragraph === next.paragraph; id++) {
    end = index.sentences[id]!.end;
  }
  return end - sentence.start <= MAX_INTRODUCED_CHARS ? { start: sentence.start, end } : { start: sentence.start, end: next.end };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
