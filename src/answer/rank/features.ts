import { sentencePairSimilarity, sentenceSimilarity } from '../../index/vectors';
import { scoreAmong, termCounts, type TermCounts } from '../../index/lexicon';
import type { RankedChunk } from '../../index/search';
import type { IndexedSentence, SearchIndex } from '../../index/types';
import { contentTerms, normalizeTerm, tokenize } from '../../text/terms';
import type { EntityType } from '../../text/types';
import { INTENTS, type Question } from '../question';
import type { ResolvedQuestion } from './resolve';

/**
 * What the ranker knows about each candidate sentence. The names are the model's contract:
 * `npm run train` fits one weight per feature and records the list with the weights.
 */
export const FEATURES = [
  /** Cosine similarity of question and sentence vectors. */
  'dense',
  /** 1 / rank of that similarity among the candidates. */
  'denseRank',
  /** The best cosine similarity of the question to the sentence's neighbours (pronouns point there). */
  'denseNeighbour',
  /** BM25 of the sentence among the candidates (question words and expansions), relative to the best. */
  'lexical',
  /** IDF-weighted share of the focus words (what is asked) the sentence holds. */
  'focus',
  /** The same share counting expansions (synonyms, derived forms, idioms) at their weight. */
  'focusExpanded',
  /** The focus share of the sentence with its neighbours. */
  'focusContext',
  /** IDF-weighted share of the topic words (names, the article's title words) the sentence holds. */
  'topic',
  /** Topic words without focus words: a sentence that restates what the question is about. */
  'restates',
  /** Holds a value of the expected type that the question does not already contain. */
  'answerType',
  /** Such a value within a few words of a focus word. */
  'answerTypeNearFocus',
  /** Such a value right next to a focus word ("15,000 subscribers" for "how many subscribers"). */
  'answerTypeNextToFocus',
  /** The question expects a value and the sentence holds none. */
  'answerTypeMissing',
  /** First sentence of its article (the lead). */
  'lead',
  /** 1 / (1 + position of the sentence in its article). */
  'early',
  /** Cosine similarity to its article's first sentence: a sentence that retells the lead adds little detail. */
  'leadSimilarity',
  /** An embedded post's signature line, when the question does not ask for a handle or a date. */
  'signature',
  /** A signature line, when it does. */
  'signatureForHandle',
  /** Quoted words, when the question asks what someone said. */
  'quotationForQuote',
  /** A line that introduces a quotation, when the question asks what someone said. */
  'introductionForQuote',
  /**
   * Quoted words, when the question asks something else: a quoted post often restates the
   * topic ("Chris Krebs has been terminated") without the asked detail (why).
   */
  'quotationUnasked',
  /** Words attributed to a source. */
  'attribution',
  /** States a cause, when the question asks why. */
  'causeForReason',
  /** Defines a name or acronym of the question, when the question asks who or what it is. */
  'definesTopic',
  /** A definition of anything, when the question asks who or what something is. */
  'definitionForDefinition',
  /** The article's fused retrieval score relative to the best article's. */
  'documentPrior',
  /** The sentence is in the best-retrieved article. */
  'topDocument',
  /** 1 / rank of its article among the retrieved ones. */
  'documentRank',
  /** Share of the question's names its article mentions anywhere: a question naming Bosvelt is about an article that does. */
  'documentNames',
  /** IDF-weighted share of all the question's words its article holds anywhere. */
  'documentCoverage',
  /** IDF-weighted share of the question's words in the article's title. */
  'titleMatch',
  /** Share of the question's word pairs that appear side by side in the sentence. */
  'bigrams',
  /** Share of the sentence's content words the question does not use: a sentence that adds something. */
  'novelty',
  /** log of the sentence length in characters, scaled (~0.6 for 50 chars, ~1 for 400). */
  'length',
  /** The question's names the sentence holds (share). */
  'names',
  /** Names the sentence holds that the question does not (a person, an organisation, an untyped name): 0, 1 or 2+ as 0, 0.5, 1. */
  'newNames',
  /** Cosine similarity minus the best among the candidates (0 for the most similar). */
  'denseGap',
  /** 1 / rank of the sentence's BM25 score among the candidates. */
  'lexicalRank',
  // What the question is: constant within a question, so a linear model ignores them, but a
  // tree ranker weighs the other features differently by intent, length and corpus size.
  ...INTENTS.map((intent) => `intent:${intent}` as const),
  /** The question's content words, up to 12, scaled to 0..1. */
  'questionLength',
  /** log10 of the number of articles in the corpus, scaled (0 for one, 1 for 10,000). */
  'corpusSize',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface Candidate {
  sentence: IndexedSentence;
  /** One value per FEATURES entry, in order. */
  features: Float64Array;
  /** Cosine similarity of question and sentence (kept for abstention and display). */
  dense: number;
}

/** Every sentence of these many best-retrieved articles is a candidate, not only those of the retrieved chunks. */
const TOP_DOCUMENTS = 5;
/** "Near" the focus: within this many characters of a focus word; "next to" it, within this few. */
const NEAR_FOCUS_CHARS = 60;
const NEXT_TO_FOCUS_CHARS = 25;

/** The candidate sentences for a question, each with its features. */
export function candidatesFor(
  index: SearchIndex,
  question: Question,
  resolved: ResolvedQuestion,
  queryVector: Float32Array,
  chunks: RankedChunk[],
): Candidate[] {
  if (chunks.length === 0) return [];
  const topChunkScore = chunks[0]!.score;
  const documentPrior = new Map<string, number>();
  const ids = new Set<number>();
  for (const ranked of chunks) {
    for (const id of ranked.chunk.sentenceIds) ids.add(id);
    documentPrior.set(ranked.chunk.docId, Math.max(documentPrior.get(ranked.chunk.docId) ?? 0, ranked.score / topChunkScore));
  }
  // The answer is often in the right article but not in its best-matching chunk.
  const rankedDocuments = [...documentPrior.entries()].sort((a, b) => b[1] - a[1]);
  const documentRank = new Map(rankedDocuments.map(([docId], rank) => [docId, rank + 1]));
  const topDocuments = rankedDocuments.slice(0, TOP_DOCUMENTS);
  for (const [docId] of topDocuments) {
    const { first, end } = index.documentSentences.get(docId)!;
    for (let id = first; id < end; id++) ids.add(id);
  }
  const topDocument = topDocuments[0]![0];
  const candidateIds = [...ids];

  // BM25 among the candidates only: a name in every sentence of the article (its subject) weighs little here.
  const expansionWeight = new Map(resolved.expansions.map((e) => [e.term, Math.min(1, e.weight / Math.max(1e-9, maxWeight(resolved)))]));
  const query = [question.text, ...resolved.expansions.map((e) => e.word)].join(' ');
  const bm25 = new Map(
    scoreAmong(
      candidateIds.map((id) => ({ id, terms: sentenceCounts(index, id) })),
      query,
      (term) => expansionWeight.get(term) ?? 1,
    ).map((hit) => [hit.id, hit.score]),
  );
  const bestBm25 = Math.max(0, ...bm25.values());

  const denseOf = new Map(candidateIds.map((id) => [id, sentenceSimilarity(index, id, queryVector)]));
  const denseOrder = [...denseOf.entries()].sort((a, b) => b[1] - a[1]);
  const denseRank = new Map(denseOrder.map(([id], rank) => [id, rank + 1]));
  const bestDense = denseOrder[0]?.[1] ?? 0;
  const lexicalRank = new Map([...bm25.entries()].sort((a, b) => b[1] - a[1]).map(([id], rank) => [id, rank + 1]));
  const questionContext = {
    questionLength: Math.min(12, resolved.terms.length) / 12,
    corpusSize: Math.min(1, Math.log10(index.documents.length) / 4),
  };
  const neighbourDense = (sentence: IndexedSentence) => {
    let best = 0;
    for (const id of [sentence.id - 1, sentence.id + 1]) {
      if (index.sentences[id]?.docId !== sentence.docId) continue;
      best = Math.max(best, denseOf.get(id) ?? sentenceSimilarity(index, id, queryVector));
    }
    return best;
  };

  const questionTerms = new Set(resolved.terms.map((t) => t.term));
  const weightOf = new Map(resolved.terms.map((t) => [t.term, t.weight]));
  const names = resolved.terms.filter((t) => t.name);
  const pairs = termPairs(question, questionTerms);
  const split = topicAndFocus(index, resolved);
  const wantsHandle = question.intent === 'handle' || question.answerTypes.includes('date');
  // The same for every candidate: built once (spreading it per candidate showed in the profile).
  const intentValues = intentOneHot(question);

  return candidateIds.map((id) => {
    const sentence = index.sentences[id]!;
    const { topic, focus } = split(sentence.docId);
    const own = sentenceTerms(index, id);
    const context = [own, ...neighbourTerms(index, sentence)];
    const { roles, definitions } = sentence.analysis;
    const focusShare = share(focus, weightOf, (t) => own.has(t));
    const topicShare = share(topic, weightOf, (t) => own.has(t));
    const answerType = typedValues(index, sentence, question.answerTypes, questionTerms);
    const focusPositions = answerType.length ? positionsOf(index, sentence, new Set(focus)) : [];
    const dense = denseOf.get(id)!;
    const values: Record<FeatureName, number> = {
      dense,
      denseRank: 1 / denseRank.get(id)!,
      denseNeighbour: neighbourDense(sentence),
      lexical: bestBm25 > 0 ? (bm25.get(id) ?? 0) / bestBm25 : 0,
      focus: focusShare,
      focusExpanded: expandedShare(focus, weightOf, own, resolved),
      focusContext: share(focus, weightOf, (t) => context.some((terms) => terms.has(t))),
      topic: topicShare,
      restates: topicShare * (1 - focusShare),
      answerType: answerType.length > 0 ? 1 : 0,
      answerTypeNearFocus: answerType.some((e) => focusPositions.some((p) => Math.abs(p - e.start) <= NEAR_FOCUS_CHARS)) ? 1 : 0,
      answerTypeNextToFocus: answerType.some((e) =>
        focusPositions.some((p) => p >= e.start - NEXT_TO_FOCUS_CHARS && p <= e.end + NEXT_TO_FOCUS_CHARS),
      )
        ? 1
        : 0,
      answerTypeMissing: question.answerTypes.length > 0 && answerType.length === 0 ? 1 : 0,
      lead: id === index.documentSentences.get(sentence.docId)!.first ? 1 : 0,
      early: 1 / (1 + id - index.documentSentences.get(sentence.docId)!.first),
      leadSimilarity: sentencePairSimilarity(index, id, index.documentSentences.get(sentence.docId)!.first),
      signature: roles.includes('signature') && !wantsHandle ? 1 : 0,
      signatureForHandle: roles.includes('signature') && wantsHandle ? 1 : 0,
      quotationForQuote: roles.includes('quotation') && question.intent === 'quotation' ? 1 : 0,
      introductionForQuote: roles.includes('introduction') && question.intent === 'quotation' ? 1 : 0,
      quotationUnasked: roles.includes('quotation') && question.intent !== 'quotation' ? 1 : 0,
      attribution: roles.includes('attribution') ? 1 : 0,
      causeForReason: roles.includes('cause') && question.intent === 'reason' ? 1 : 0,
      definesTopic:
        question.intent === 'definition' &&
        definitions.some((d) =>
          definesAny(
            index,
            sentence,
            d.subject,
            names.map((n) => n.term),
          ),
        )
          ? 1
          : 0,
      definitionForDefinition: question.intent === 'definition' && definitions.length > 0 ? 1 : 0,
      documentPrior: documentPrior.get(sentence.docId) ?? 0,
      topDocument: sentence.docId === topDocument ? 1 : 0,
      documentRank: 1 / (documentRank.get(sentence.docId) ?? rankedDocuments.length + 1),
      documentNames: names.length ? names.filter((n) => documentTerms(index, sentence.docId).has(n.term)).length / names.length : 0,
      documentCoverage: share(
        resolved.terms.map((t) => t.term),
        weightOf,
        (t) => documentTerms(index, sentence.docId).has(t),
      ),
      titleMatch: titleShare(index, sentence.docId, resolved, weightOf),
      bigrams: pairs.length ? pairs.filter((pair) => hasPair(index, sentence, pair)).length / pairs.length : 0,
      novelty: own.size ? [...own].filter((t) => !questionTerms.has(t)).length / own.size : 0,
      length: Math.log(1 + sentence.text.length) / Math.log(400),
      names: names.length ? names.filter((n) => own.has(n.term)).length / names.length : 0,
      newNames: Math.min(2, newNamesIn(index, sentence, questionTerms)) / 2,
      denseGap: dense - bestDense,
      lexicalRank: lexicalRank.has(id) ? 1 / lexicalRank.get(id)! : 0,
      ...intentValues,
      ...questionContext,
    };
    return { sentence, dense, features: Float64Array.from(FEATURES, (name) => values[name]) };
  });
}

function intentOneHot(question: Question): Record<`intent:${(typeof INTENTS)[number]}`, number> {
  return Object.fromEntries(INTENTS.map((intent) => [`intent:${intent}`, question.intent === intent ? 1 : 0])) as Record<
    `intent:${(typeof INTENTS)[number]}`,
    number
  >;
}

/** People and organisations the sentence names (by analysis) whose words the question does not use. */
function newNamesIn(index: SearchIndex, sentence: IndexedSentence, questionTerms: Set<string>): number {
  const doc = index.documentById.get(sentence.docId)!;
  return sentence.analysis.entities.filter(
    (e) =>
      (e.type === 'person' || e.type === 'organisation' || e.type === 'name') &&
      !contentTerms(doc.text.slice(e.start, e.end)).some((t) => questionTerms.has(t)),
  ).length;
}

function maxWeight(resolved: ResolvedQuestion): number {
  return Math.max(0, ...resolved.terms.map((t) => t.weight));
}

/**
 * Topic words name what the question is about and find the article: names, and words of the
 * article's title. The rest is the focus: what is asked of it. A question with no focus word
 * left ("who is bryan ware") is all focus.
 */
function topicAndFocus(index: SearchIndex, resolved: ResolvedQuestion) {
  const memo = new Map<string, { topic: string[]; focus: string[] }>();
  return (docId: string) => {
    let split = memo.get(docId);
    if (!split) {
      const title = titleTerms(index, docId);
      const topic = resolved.terms.filter((t) => t.name || title.has(t.term)).map((t) => t.term);
      const focus = resolved.terms.filter((t) => !topic.includes(t.term)).map((t) => t.term);
      split = focus.length ? { topic, focus } : { topic, focus: topic };
      memo.set(docId, split);
    }
    return split;
  };
}

function share(terms: readonly string[], weightOf: Map<string, number>, has: (term: string) => boolean): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const weight = weightOf.get(term) ?? 0;
    total += weight;
    if (has(term)) found += weight;
  }
  return total > 0 ? found / total : 0;
}

/** Focus words found themselves or through an expansion (at the expansion's share of the word's weight). */
function expandedShare(focus: readonly string[], weightOf: Map<string, number>, own: Set<string>, resolved: ResolvedQuestion): number {
  let total = 0;
  let found = 0;
  for (const term of focus) {
    const weight = weightOf.get(term) ?? 0;
    total += weight;
    if (own.has(term)) {
      found += weight;
      continue;
    }
    let best = 0;
    for (const e of resolved.expansions) if (e.from === term && own.has(e.term)) best = Math.max(best, Math.min(weight, e.weight));
    found += best;
  }
  return total > 0 ? found / total : 0;
}

/** Values of the expected types in the sentence that are not words of the question ("59", not "2020" when it asks about 2020). */
function typedValues(index: SearchIndex, sentence: IndexedSentence, types: readonly EntityType[], questionTerms: Set<string>) {
  if (types.length === 0) return [];
  const doc = index.documentById.get(sentence.docId)!;
  return sentence.analysis.entities.filter((e) => {
    if (!types.includes(e.type) && !(e.type === 'age' && types.includes('count'))) return false;
    const terms = contentTerms(doc.text.slice(e.start, e.end));
    return terms.length === 0 || terms.some((t) => !questionTerms.has(t));
  });
}

function definesAny(
  index: SearchIndex,
  sentence: IndexedSentence,
  subject: { start: number; end: number },
  names: readonly string[],
): boolean {
  const doc = index.documentById.get(sentence.docId)!;
  const terms = contentTerms(doc.text.slice(subject.start, subject.end));
  return terms.some((t) => names.includes(t));
}

function titleShare(index: SearchIndex, docId: string, resolved: ResolvedQuestion, weightOf: Map<string, number>): number {
  const title = titleTerms(index, docId);
  return share(
    resolved.terms.map((t) => t.term),
    weightOf,
    (t) => title.has(t),
  );
}

/** Adjacent pairs of the question's content words ("election security"), as index terms. */
function termPairs(question: Question, known: Set<string>): [string, string][] {
  const pairs: [string, string][] = [];
  const terms = question.terms.map((t) => t.term).filter((t) => known.has(t));
  for (let i = 0; i + 1 < terms.length; i++) pairs.push([terms[i]!, terms[i + 1]!]);
  return pairs;
}

function hasPair(index: SearchIndex, sentence: IndexedSentence, [a, b]: [string, string]): boolean {
  const tokens = sentenceTokens(index, sentence.id);
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i]!.term === a && tokens[i + 1]!.term === b) return true;
  return false;
}

/** Document offsets where the sentence holds any of `terms`. */
function positionsOf(index: SearchIndex, sentence: IndexedSentence, terms: Set<string>): number[] {
  return sentenceTokens(index, sentence.id)
    .filter((t) => terms.has(t.term))
    .map((t) => t.start);
}

// Per loaded index, computed on first use: the same sentences come back question after question.
const termsMemo = new WeakMap<SearchIndex, Set<string>[]>();
const tokensMemo = new WeakMap<SearchIndex, { term: string; start: number }[][]>();
const titleMemo = new WeakMap<SearchIndex, Map<string, Set<string>>>();
const countsMemo = new WeakMap<SearchIndex, TermCounts[]>();

function sentenceCounts(index: SearchIndex, id: number): TermCounts {
  let memo = countsMemo.get(index);
  if (!memo) countsMemo.set(index, (memo = []));
  return (memo[id] ??= termCounts(index.sentences[id]!.text));
}

export function sentenceTerms(index: SearchIndex, id: number): Set<string> {
  let memo = termsMemo.get(index);
  if (!memo) termsMemo.set(index, (memo = []));
  return (memo[id] ??= new Set(contentTerms(index.sentences[id]!.text)));
}

function neighbourTerms(index: SearchIndex, sentence: IndexedSentence): Set<string>[] {
  const out: Set<string>[] = [];
  for (const id of [sentence.id - 1, sentence.id + 1])
    if (index.sentences[id]?.docId === sentence.docId) out.push(sentenceTerms(index, id));
  return out;
}

/** Content-word tokens of a sentence in order, with their document offsets. */
function sentenceTokens(index: SearchIndex, id: number): { term: string; start: number }[] {
  let memo = tokensMemo.get(index);
  if (!memo) tokensMemo.set(index, (memo = []));
  let tokens = memo[id];
  if (!tokens) {
    const sentence = index.sentences[id]!;
    tokens = [];
    let cursor = 0;
    for (const token of tokenize(sentence.text)) {
      const at = sentence.text.indexOf(token, cursor);
      cursor = at + token.length;
      const term = normalizeTerm(token);
      if (term) tokens.push({ term, start: sentence.start + at });
    }
    memo[id] = tokens;
  }
  return tokens;
}

const documentTermsMemo = new WeakMap<SearchIndex, Map<string, Set<string>>>();

/** Every content term of an article (its title included). */
function documentTerms(index: SearchIndex, docId: string): Set<string> {
  let memo = documentTermsMemo.get(index);
  if (!memo) documentTermsMemo.set(index, (memo = new Map()));
  let terms = memo.get(docId);
  if (!terms) {
    terms = new Set(titleTerms(index, docId));
    const { first, end } = index.documentSentences.get(docId)!;
    for (let id = first; id < end; id++) for (const term of sentenceTerms(index, id)) terms.add(term);
    memo.set(docId, terms);
  }
  return terms;
}

function titleTerms(index: SearchIndex, docId: string): Set<string> {
  let memo = titleMemo.get(index);
  if (!memo) titleMemo.set(index, (memo = new Map()));
  let terms = memo.get(docId);
  if (!terms) memo.set(docId, (terms = new Set(contentTerms(index.documentById.get(docId)!.title))));
  return terms;
}
