import { looksEnglish, NOT_ENGLISH_WARNING } from './language';
import nlp from 'compromise';
import { normalizeTerm, tokenize } from '../../text/terms';
import type { EntityType } from '../../text/types';
import type { WordNetPos } from '../../text/wordnet';
import { wordCut } from '../../util/clip';
import { StoryQaError } from '../../util/errors';
import { EXPANSION_WEIGHTS, wordNetExpansions, type Expansion } from './expand';
import { readIntent, type QuestionIntent } from './intent';
import { hasWords, normalizeQuestionText } from './normalize';
import { FILLER_WORDS, NEWS_IDIOMS, SHORTHAND } from './vocabulary';

export const MAX_QUESTION_CHARS = 1000;

export type QuestionProblem = 'empty' | 'no-content';

/** A question the engine cannot take: nothing to ask about. Surfaces answer with their help line. */
export class QuestionError extends StoryQaError {
  override readonly name = 'QuestionError';
  constructor(readonly problem: QuestionProblem) {
    super(
      problem === 'empty'
        ? 'The question is empty: ask something about the story, e.g. "Why was Krebs fired?"'
        : 'The question has no words to look for: ask about someone or something in the story, e.g. "Why was Krebs fired?"',
    );
  }
}

/** One content word of the question. */
export interface QuestionTerm {
  /** The index term (stemmed, as BM25 and coverage use it). */
  term: string;
  /** As typed, lowercased. */
  token: string;
  /** Dictionary form: "canned" → can, "cars" → car. */
  lemma: string;
  pos: WordNetPos | null;
  /** Typed or tagged as a name: capitalised mid-question, or a person, place or organisation. */
  name: boolean;
}

export interface Question {
  /** What the user typed, made plain (mentions, markup, decoration removed), cut to MAX_QUESTION_CHARS. */
  original: string;
  /** The text searched for and embedded: `original` with chat shorthand spelled out. */
  text: string;
  intent: QuestionIntent;
  /** Kinds of value that answer it ("how many" → count); empty when it asks for no value. */
  answerTypes: EntityType[];
  terms: QuestionTerm[];
  /** Words it means but did not use (WordNet, news idioms), with weights below 1. */
  expansions: Expansion[];
  /** What to tell the asker about how it was read: cut short, not English. */
  warnings: string[];
}

const FILLER = new Set(FILLER_WORDS);

/** Reads a user's question: what it asks for, which words matter, and what else they could be written as. */
export function analyzeQuestion(raw: string): Question {
  let original = normalizeQuestionText(raw);
  if (!hasWords(original)) throw new QuestionError('empty');
  const warnings: string[] = [];
  if (original.length > MAX_QUESTION_CHARS) {
    const cut = original.slice(0, wordCut(original, MAX_QUESTION_CHARS));
    warnings.push(`The question was ${original.length} characters long; only its first ${cut.length} were used.`);
    original = cut;
  }
  const text = spellOutShorthand(original);
  const { intent, answerTypes } = readIntent(text);
  const terms = contentWords(text);
  if (terms.length === 0 && intent !== 'overview') throw new QuestionError('no-content');
  if (!looksEnglish(original)) warnings.push(NOT_ENGLISH_WARNING);
  return { original, text, intent, answerTypes, terms, expansions: expansionsOf(text, terms), warnings };
}

function spellOutShorthand(text: string): string {
  return text.replace(/[\p{L}\p{N}']+/gu, (word) => SHORTHAND[word.toLowerCase()] ?? word);
}

interface TaggedTerm {
  text: string;
  root?: string;
  normal?: string;
  tags: string[];
  offset: { start: number; length: number };
}

const NAME_TAGS = ['Person', 'Place', 'Organization', 'ProperNoun', 'Acronym'];

/**
 * The content words, in order: each token as the index splits and stems it, with its lemma and
 * part of speech from compromise's tagging of the whole question.
 */
function contentWords(text: string): QuestionTerm[] {
  const view = nlp(text);
  view.compute('root');
  const tagged = (view.json({ offset: true }) as { terms: TaggedTerm[] }[]).flatMap((s) => s.terms);
  const words: QuestionTerm[] = [];
  let first = true;
  for (const match of text.matchAll(/[^\s]+/g)) {
    for (const token of tokenize(match[0])) {
      const lower = token.toLowerCase();
      const term = normalizeTerm(token);
      const isFirst = first;
      first = false;
      if (!term || FILLER.has(lower)) continue;
      const at = match.index + match[0].indexOf(token);
      const tag = tagged.find((t) => t.offset.start <= at && at < t.offset.start + t.offset.length);
      const tags = tag?.tags ?? [];
      words.push({
        term,
        token: lower,
        lemma: (tag && tokenize(tag.text).length === 1 ? (tag.root ?? tag.normal) : undefined) ?? lower,
        pos: posOf(tags),
        name: NAME_TAGS.some((t) => tags.includes(t)) || (!isFirst && /^\p{Lu}/u.test(token)),
      });
    }
  }
  return words;
}

function posOf(tags: string[]): WordNetPos | null {
  if (tags.includes('Verb')) return 'verb';
  if (tags.includes('Noun')) return 'noun';
  if (tags.includes('Adjective')) return 'adj';
  if (tags.includes('Adverb')) return 'adv';
  return null;
}

/** News idioms first (they replace the literal reading), then WordNet for every other content word. */
function expansionsOf(text: string, terms: QuestionTerm[]): Expansion[] {
  const lower = text.toLowerCase();
  const own = new Set(terms.map((t) => t.term));
  const expansions = new Map<string, Expansion>();
  const add = (expansion: Expansion) => {
    if (own.has(expansion.term)) return;
    const known = expansions.get(expansion.term);
    if (!known || known.weight < expansion.weight) expansions.set(expansion.term, expansion);
  };
  const idiomatic = new Set<string>();
  for (const { phrase, means } of NEWS_IDIOMS) {
    const match = phrase.exec(lower);
    if (!match) continue;
    const from = normalizeTerm(match[0].split(' ')[0]!) ?? match[0];
    for (const word of tokenize(match[0])) idiomatic.add(word);
    for (const word of means) {
      const term = normalizeTerm(word);
      if (term) add({ term, word, from, weight: EXPANSION_WEIGHTS.idiom });
    }
  }
  const words = particles(text, terms);
  for (const [i, word] of terms.entries()) {
    if (word.name || !word.pos || word.pos === 'adv' || idiomatic.has(word.token)) continue;
    if (i > 0 && words[i - 1] === word.token) continue; // the particle of a phrasal verb
    // A phrasal verb means what it means as a whole: "step down" → resign, not "step" and "down".
    const particle = word.pos === 'verb' ? words[i] : undefined;
    const phrasal = particle ? wordNetExpansions(`${word.lemma} ${particle}`, 'verb', word.term) : [];
    for (const expansion of phrasal.length ? phrasal : wordNetExpansions(word.lemma, word.pos, word.term)) add(expansion);
  }
  return [...expansions.values()];
}

const PARTICLES = new Set(['away', 'back', 'down', 'in', 'off', 'on', 'out', 'over', 'up']);

/** For each content word, the particle right after it in the text ("step down", "hand in"), if any. */
function particles(text: string, terms: QuestionTerm[]): (string | undefined)[] {
  const tokens = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);
  let cursor = 0;
  return terms.map((term) => {
    const at = tokens.indexOf(term.token, cursor);
    if (at < 0) return undefined;
    cursor = at + 1;
    const next = tokens[at + 1];
    return next && PARTICLES.has(next) ? next : undefined;
  });
}
