import { deu, eng, fra, ita, nld, pol, por, spa, swe, tur } from 'stopword';

/** The note an answer carries when the question does not read as English. */
export const NOT_ENGLISH_WARNING =
  'I read English articles and questions only (for now): a question in another language may get a poor answer.';

const ENGLISH = new Set(eng);
/** Languages written in Latin letters, told apart from English by their most common words. */
const OTHERS = [deu, fra, ita, nld, pol, por, spa, swe, tur].map((words) => new Set(words.filter((w) => !ENGLISH.has(w))));
/** Fewer words than this say too little to tell the language ("krebs?", "tl;dr"). */
const MIN_WORDS = 3;
/** Common words of another language that outnumber the English ones, and at least this many. */
const MIN_FOREIGN_WORDS = 2;
/** A question mostly in another script (Cyrillic, Hebrew, CJK…) is not English. */
const MIN_LATIN_SHARE = 0.5;

/** False when the question is plainly written in another language; short or mixed questions count as English. */
export function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (letters >= MIN_WORDS && latin / letters < MIN_LATIN_SHARE) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return true;
  const english = words.filter((w) => ENGLISH.has(w)).length;
  const foreign = Math.max(...OTHERS.map((list) => words.filter((w) => list.has(w)).length));
  return !(foreign >= MIN_FOREIGN_WORDS && foreign > english);
}
