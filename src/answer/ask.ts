import type { Engine } from '../engine/types';
import { searchChunks, type ChunkSearchOptions } from '../index/search';
import { parseQuestion, type Question } from './question';
import { joinSpans, shortenSpan, verbatim } from './quote';
import { renderAnswer, type RenderedQuote } from './render';
import { scoreSentences, selectSentences, type ScoredSentence } from './select';
import type { Answer, Citation } from './types';

/**
 * Abstain below this evidence (cosine of the best sentence plus COVERAGE_WEIGHT × the share of the
 * question's terms it covers). Calibrated with `npm run eval -- --calibrate`: the value that best
 * separates the eval sets' answerable questions from the unanswerable ones.
 */
export const ABSTAIN_THRESHOLD = 0.45;
export const COVERAGE_WEIGHT = 0.3;

const LEAD_CHARS = 220;
const QUOTE_CHARS = 420;
const CLOSEST_PASSAGES = 2;

/** Evidence that the best sentence answers the question, on the scale ABSTAIN_THRESHOLD is set in. */
export function evidenceOf(best: ScoredSentence | undefined): number {
  return best ? best.dense + COVERAGE_WEIGHT * best.coverage : 0;
}

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
  const { question, scored, embedMs, searchMs } = await rankSentences(engine, rawQuestion);
  const { index, embedder } = engine;

  const answered = evidenceOf(scored[0]) >= ABSTAIN_THRESHOLD;
  const chosen = answered ? selectSentences(index, scored) : scored.slice(0, CLOSEST_PASSAGES);

  const focus = { terms: question.terms, cause: question.type === 'why' };
  const citations: Citation[] = [];
  const quotes: RenderedQuote[] = [];
  for (const { sentence, score } of chosen) {
    const doc = index.documentById.get(sentence.docId)!;
    const id = citations.length + 1;
    const quote = verbatim(doc, sentence, sentence.text);
    citations.push({ id, quote, docId: doc.id, title: doc.title, date: doc.date, paragraph: sentence.paragraph, start: sentence.start, end: sentence.end, score: round(score) });
    const display = joinSpans(doc, sentence, shortenSpan(doc, sentence, QUOTE_CHARS, focus));
    quotes.push({ id, display, title: doc.title, date: doc.date, paragraph: sentence.paragraph });
  }

  let lead: RenderedQuote | null = null;
  if (answered && chosen.length > 0) {
    const best = chosen[0]!.sentence;
    const doc = index.documentById.get(best.docId)!;
    lead = { ...quotes[0]!, display: joinSpans(doc, best, shortenSpan(doc, best, LEAD_CHARS, focus)) };
  }

  const finished = performance.now();
  return {
    question: question.text,
    answered: answered && citations.length > 0,
    answer: renderAnswer({ answered: answered && citations.length > 0, lead, quotes }),
    citations,
    model: embedder.id,
    timings: { embedMs: round(embedMs), searchMs: round(searchMs), totalMs: round(finished - started) },
    warnings: question.warning ? [question.warning] : [],
    questionType: question.type,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
