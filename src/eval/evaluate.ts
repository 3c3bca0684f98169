import { composeAnswer } from '../answer/ask';
import { judge } from '../answer/abstain';
import { analyzeQuestion, QuestionError, type QuestionIntent } from '../answer/question';
import { rankCandidates, type RankOptions } from '../answer/rank';
import type { Corpus } from '../corpus/types';
import type { Engine } from '../engine/types';
import { createLexicon } from '../index/lexicon';
import type { SearchIndex } from '../index/types';
import type { DocSpan, EvalQuestion } from './questions';

export interface QuestionResult {
  question: string;
  answerable: boolean;
  /** The type its writer gave it, if any. */
  type: string | null;
  /** How the engine read it. */
  intent: QuestionIntent | 'invalid';
  split: string | null;
  /** The best-ranked sentence is from the question's article (null when that is not known). */
  rightDocument: boolean | null;
  /** 1-based rank of the first gold sentence among the ranked candidates, or null. */
  goldRank: number | null;
  /** Answered, and the first quote shown holds the answer. */
  firstQuoteRight: boolean;
  answered: boolean;
  /** The abstention model's probability that the corpus answers it. */
  probability: number;
  /** The first quote shown (or the best passage). */
  top: string;
  /** Rank of the first gold sentence under the BM25 sentence baseline. */
  baselineRank: number | null;
}

export interface EvalRun {
  results: QuestionResult[];
  /** Share of shown quotes that are exactly the corpus file's text at their offsets. */
  quoteExactness: number;
  quotesChecked: number;
}

/**
 * Asks every question as ask() would and records what a reader meets: whether the first quote
 * answers, where the gold sentence ranked, whether the engine refused; and what a plain BM25
 * sentence ranker over the same sentences would have ranked first. Quotes are checked against
 * the corpus as loaded from disk, not the index's copy. Each question is embedded and searched once.
 */
export async function evaluateQuestions(engine: Engine, questions: readonly EvalQuestion[], corpus: Corpus, options: RankOptions = {}): Promise<EvalRun> {
  const texts = new Map(corpus.documents.map((d) => [d.id, d.text]));
  const baseline = bm25Baseline(engine.index);
  const results: QuestionResult[] = [];
  let exact = 0;
  let checked = 0;
  for (const item of questions) {
    const baselineRank = rankOfGold(baseline(item.question), item);
    let question;
    try {
      question = analyzeQuestion(item.question);
    } catch (error) {
      if (!(error instanceof QuestionError)) throw error;
      // Refused before anything is searched: the help line, the right outcome for an empty question.
      results.push({ ...blank(item), intent: 'invalid', baselineRank });
      continue;
    }
    const ranking = await rankCandidates(engine, question, options);
    const answer = composeAnswer(engine, ranking);
    for (const citation of answer.citations) {
      checked++;
      if (texts.get(citation.docId)?.slice(citation.start, citation.end) === citation.quote) exact++;
    }
    const first = answer.citations[0];
    const top = ranking.candidates[0]?.sentence;
    results.push({
      ...blank(item),
      intent: question.intent,
      rightDocument: item.docId && top ? top.docId === item.docId : null,
      goldRank: rankOfGold(
        ranking.candidates.map((c) => c.sentence),
        item,
      ),
      firstQuoteRight: answer.answered && first !== undefined && item.isGold({ docId: first.docId, start: first.start, end: first.end, text: first.quote }),
      answered: answer.answered,
      probability: judge(engine.index, ranking).probability,
      top: first?.quote ?? '',
      baselineRank,
    });
  }
  return { results, quoteExactness: checked ? exact / checked : 1, quotesChecked: checked };
}

function blank(item: EvalQuestion): Omit<QuestionResult, 'intent' | 'baselineRank'> {
  return {
    question: item.question,
    answerable: item.answerable,
    type: item.type,
    split: item.split,
    rightDocument: null,
    goldRank: null,
    firstQuoteRight: false,
    answered: false,
    probability: 0,
    top: '',
  };
}

function rankOfGold(spans: readonly DocSpan[], item: EvalQuestion): number | null {
  if (!item.answerable) return null;
  const position = spans.findIndex((span) => item.isGold(span));
  return position >= 0 ? position + 1 : null;
}

/** BM25 over every sentence of the index (the same tokens and stems), the question as query. */
function bm25Baseline(index: SearchIndex): (question: string) => DocSpan[] {
  const lexicon = createLexicon(
    'sentences',
    index.sentences.map((s) => ({ id: s.id, text: s.text })),
  );
  return (question) =>
    lexicon
      .search(question)
      .slice(0, 10)
      .map((hit) => index.sentences[hit.id as number]!);
}

export interface Metrics {
  answerable: number;
  unanswerable: number;
  /** The best-ranked sentence comes from the question's article. */
  rightDocument: number;
  /** The best-ranked sentence holds the answer (ranking alone, before abstention). */
  precisionAt1: number;
  /** What a reader meets: the question is answered and its first quote holds the answer. */
  firstQuoteRight: number;
  recallAt3: number;
  mrr: number;
  /** Answerable questions the engine refused (lower is better). */
  answerableRefused: number;
  /** Unanswerable questions refused (higher is better). */
  unanswerableRefused: number;
  baseline: { precisionAt1: number; recallAt3: number; mrr: number };
}

export function metricsOf(results: readonly QuestionResult[]): Metrics {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const share = (list: readonly QuestionResult[], test: (r: QuestionResult) => boolean) => (list.length ? list.filter(test).length / list.length : 0);
  const mrr = (rank: (r: QuestionResult) => number | null) => (answerable.length ? answerable.reduce((sum, r) => sum + (rank(r) ? 1 / rank(r)! : 0), 0) / answerable.length : 0);
  const withDocument = answerable.filter((r) => r.rightDocument !== null);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    rightDocument: share(withDocument, (r) => r.rightDocument === true),
    precisionAt1: share(answerable, (r) => r.goldRank === 1),
    firstQuoteRight: share(answerable, (r) => r.firstQuoteRight),
    recallAt3: share(answerable, (r) => r.goldRank !== null && r.goldRank <= 3),
    mrr: mrr((r) => r.goldRank),
    answerableRefused: share(answerable, (r) => !r.answered),
    unanswerableRefused: share(unanswerable, (r) => !r.answered),
    baseline: {
      precisionAt1: share(answerable, (r) => r.baselineRank === 1),
      recallAt3: share(answerable, (r) => r.baselineRank !== null && r.baselineRank <= 3),
      mrr: mrr((r) => r.baselineRank),
    },
  };
}

/** First-quote accuracy per type (the writer's label when there is one, else the engine's reading). */
export function accuracyByType(results: readonly QuestionResult[]): Map<string, { questions: number; right: number }> {
  const byType = new Map<string, { questions: number; right: number }>();
  for (const r of results.filter((r) => r.answerable)) {
    const key = r.type ?? r.intent;
    const entry = byType.get(key) ?? { questions: 0, right: 0 };
    entry.questions++;
    if (r.firstQuoteRight) entry.right++;
    byType.set(key, entry);
  }
  return new Map([...byType].sort((a, b) => b[1].questions - a[1].questions));
}
