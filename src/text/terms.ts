import { eng as englishStopwords } from 'stopword';
import { stemmer } from 'stemmer';

// Question words and auxiliaries carry the question's form, not its topic.
const QUESTION_WORDS = [
  'what',
  'why',
  'when',
  'who',
  'whom',
  'whose',
  'how',
  'where',
  'which',
  'did',
  'does',
  'do',
  'was',
  'were',
  'is',
  'are',
  'has',
  'had',
  'have',
  'been',
  'tell',
  'me',
  'about',
  'story',
  'article',
];
// Modal verbs the stop-word list leaves out.
const MODALS = ['may', 'shall', 'will'];
const STOPWORDS = new Set([...englishStopwords, ...QUESTION_WORDS, ...MODALS]);

/**
 * The lexical form of one token, shared by the BM25 indexes and query analysis: lowercase,
 * stemmed, stop words and single letters dropped ("Krebs's" → "krebs", "fired" → "fire").
 */
export function normalizeTerm(token: string): string | null {
  let term = memo.get(token);
  if (term === undefined) {
    term = computeTerm(token);
    // Bounded: tokens of a news corpus repeat a lot, but a flood of unique ones must not grow it forever.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(token, term);
  }
  return term;
}

const MEMO_LIMIT = 200_000;
const memo = new Map<string, string | null>();

function computeTerm(token: string): string | null {
  const lower = token.toLowerCase();
  if (STOPWORDS.has(lower)) return null;
  if (lower.length < 2 && !/\d/.test(lower)) return null;
  return stemmer(lower);
}

// The same split MiniSearch applies by default: white space and punctuation (Unicode-aware).
const TOKEN_SEPARATOR = /[\n\r\p{Z}\p{P}\p{S}]+/u;

export function tokenize(text: string): string[] {
  return text.split(TOKEN_SEPARATOR).filter(Boolean);
}

/** Normalised content terms of a text, in order, with repeats. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = normalizeTerm(token);
    if (term) out.push(term);
  }
  return out;
}
