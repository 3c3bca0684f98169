import type { Engine } from '../../engine/types';
import { searchChunks, type ChunkSearchOptions, type RankedChunk } from '../../index/search';
import { isBareSignature } from '../../text/analysis';
import { analyzeQuestion, type Question } from '../question';
import { candidatesFor, FEATURES, type Candidate } from './features';
import { checkModel, treeScore, type TreeModel } from './model';
import { resolveQuestion, type ResolvedQuestion } from './resolve';
import trained from './ranker.json' with { type: 'json' };

export interface RankedCandidate extends Candidate {
  /** The trained ranker's score: higher is better, comparable within one question. */
  score: number;
}

export interface Ranking {
  question: Question;
  resolved: ResolvedQuestion;
  chunks: RankedChunk[];
  /** Candidate sentences, best first. */
  candidates: RankedCandidate[];
  embedMs: number;
  searchMs: number;
}

/** The committed ranker, checked on first use (so `npm run train` runs even when it is stale). */
let committed: TreeModel | null = null;
/** The ranker `npm run train` committed (ranker.json), checked against the features once. */
export const committedRanker = (): TreeModel => (committed ??= checkModel(trained.model as TreeModel, 'trees', FEATURES));

/**
 * How many candidates the trees rerank. A cheap first stage (similarity, BM25 and focus words,
 * the old hand-set ranking) keeps the likely ones: the trees then learn to tell apart close
 * candidates instead of the easy ones. Measured by cross-validation (npm run train): reranking
 * the first 50 beats reranking all ~150 (see the README's Evaluation section).
 */
export const RERANK_DEPTH = 50;
const FIRST_STAGE_WEIGHTS: Partial<Record<(typeof FEATURES)[number], number>> = {
  dense: 1,
  lexical: 0.5,
  focusExpanded: 0.2,
  documentCoverage: 0.3,
};
const FIRST_STAGE = Object.entries(FIRST_STAGE_WEIGHTS).map(
  ([name, weight]) => [FEATURES.indexOf(name as (typeof FEATURES)[number]), weight!] as const,
);

function firstStage(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= RERANK_DEPTH) return candidates;
  const score = (c: Candidate) => FIRST_STAGE.reduce((sum, [i, weight]) => sum + weight * c.features[i]!, 0);
  return candidates
    .map((c) => ({ c, s: score(c) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, RERANK_DEPTH)
    .map(({ c }) => c);
}

/**
 * A signature line ("#Protect2020 — Chris Krebs (@C_C_Krebs) November 18, 2020") is never the
 * answer unless the handle or date is asked; a post's words that end in one may be.
 */
const UNASKED_SIGNATURE = FEATURES.indexOf('signature');
/** A sentence defining a name or acronym of a "who/what is" question. */
const DEFINES_TOPIC = FEATURES.indexOf('definesTopic');

/**
 * The candidates scored by the ranker, best first, and one preference the trees do not learn
 * reliably from a few dozen such questions: a question that asks only who or what a name is
 * ("who is chris krebs", "what's cisa") is answered by a sentence that defines it (appositive,
 * relative clause, acronym) when one was retrieved, as the contract asks. Such a sentence takes
 * the best score (a tie at the top, placed first). Questions that ask more than the name ("what
 * is the main source of…") are left to the trees: cross-validation lost 1 point on SQuAD when
 * the rule applied to every definition question.
 */
export function scoreCandidates(
  asked: Pick<Ranking, 'question' | 'resolved'>,
  candidates: readonly Candidate[],
  model: TreeModel,
): RankedCandidate[] {
  const scored = candidates.map((candidate) => ({ ...candidate, score: treeScore(model, candidate.features) }));
  const onlyAName = asked.question.intent === 'definition' && asked.resolved.terms.length > 0 && asked.resolved.terms.every((t) => t.name);
  const defines = (c: Candidate) => (onlyAName && c.features[DEFINES_TOPIC] ? 1 : 0);
  if (onlyAName) {
    const best = Math.max(...scored.map((c) => c.score));
    for (const c of scored) if (defines(c)) c.score = Math.max(c.score, best);
  }
  return scored.sort((a, b) => b.score - a.score || defines(b) - defines(a));
}

export interface RankOptions extends ChunkSearchOptions {
  /** Score with this model instead of the committed one (training and cross-validation). */
  model?: TreeModel | undefined;
}

/**
 * Reads the question, embeds it, retrieves chunks (dense + BM25 with the question's expansions)
 * and ranks the candidate sentences with the trained ranker. `raw` may be an analysed question.
 */
export async function rankCandidates(engine: Engine, raw: string | Question, options: RankOptions = {}): Promise<Ranking> {
  const started = performance.now();
  const question = typeof raw === 'string' ? analyzeQuestion(raw) : raw;
  const [queryVector] = await engine.embedder.embed([question.text]);
  const embedded = performance.now();
  const resolved = resolveQuestion(engine.index, question);
  const query = [question.text, ...resolved.expansions.map((e) => e.word)].join(' ');
  const chunks = searchChunks(engine.index, queryVector!, query, options);
  const eligible = candidatesFor(engine.index, question, resolved, queryVector!, chunks).filter(
    (c) => !(c.features[UNASKED_SIGNATURE] && isBareSignature(c.sentence.text)),
  );
  const candidates = scoreCandidates({ question, resolved }, firstStage(eligible), options.model ?? committedRanker());
  return { question, resolved, chunks, candidates, embedMs: embedded - started, searchMs: performance.now() - embedded };
}
