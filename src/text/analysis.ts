import nlp from 'compromise';
import { mentionsCause } from './features';
import type { Definition, Entity, EntityType, Sentence, SentenceAnalysis, SentenceRole, Span } from './types';

/**
 * Sentence analysis at build time: the people, organisations, places and values of every
 * sentence, and the structures news copy is made of (attribution, embedded-post signatures,
 * bylines, appositives, relative clauses, acronyms spelled out). It lets the ranker prefer the
 * sentence that holds the asked kind of answer, and the answer show it in bold.
 *
 * Language goes through compromise (its lexicon of names, places and organisation words, its
 * part-of-speech tagger and value parser), one parse per document: ~25 ms for a BBC article.
 * Fixed formats (currency amounts, percentages, ages, handles, hashtags, links) are matched
 * exactly with patterns, which is what they are.
 */

// Currency symbol or code before, or currency word after, an amount: "£17m", "$353.3m", "259.7m euros".
const MONEY =
  /(?:[£$€¥]|\b(?:US\$|USD|GBP|EUR|C\$|A\$|HK\$|Rs\.?))\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|m|k|million|billion|trillion)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:bn|m|k|million|billion|trillion)?\s?(?:euros?|dollars?|pounds?|pence|yen|yuan|rupees?|francs?|roubles?|rubles?)\b/gi;
const PERCENTAGE = /\b\d+(?:[.,]\d+)?\s?(?:%|per ?cent\b|percentage points?\b)/gi;
// "aged 52", "52-year-old", "Judy Boynton, 52, the former…"
const AGE = /\baged \d{1,3}\b|\b\d{1,3}-year-old\b|(?<=\p{Lu}[\p{Ll}'’-]+, )\d{1,3}(?=,)/gu;
const HANDLE = /(?<![\w@])@\w{1,30}\b/g;
const HASHTAG = /(?<![\w#&])#[\p{L}\p{N}_]{2,}/gu;
const LINK = /\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"”’]|\bwww\.[a-z0-9-]+\.[^\s<>()]+[^\s<>().,;:!?'"”’]/gi;

/** An embedded post's signature: "— Chris Krebs (@C_C_Krebs) November 18, 2020". */
const SIGNATURE = /[—–-]\s*[^—–\n()]{1,80}\(@\w{1,30}\)\s*(?:\w+ \d{1,2}, \d{4})?\s*$/;
/** Verbs that attribute words to someone: "X said", "told Reuters", "according to". */
const ATTRIBUTION =
  /\b(?:said|says|told|tells|added|adds|explained|warned|claimed|claims|stated|insisted|argued|noted|announced|tweeted|wrote|according to)\b/i;
const QUOTED = /["“][^"“”]{3,}["”]|^[“"]|[”"]$/;
const BYLINE = /^By\s+\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}(?:,|\s*$)/u;

/**
 * The sentence is nothing but an embedded post's signature, hashtags allowed
 * ("#Protect2020 — Chris Krebs (@C_C_Krebs) November 18, 2020"), not a post's words that end in one.
 */
export function isBareSignature(text: string): boolean {
  const signature = SIGNATURE.exec(text);
  return signature !== null && !/[\p{L}\p{N}]/u.test(text.slice(0, signature.index).replace(HASHTAG, ''));
}

/** One analysis per sentence of `sentences` (all of one document), in the same order. */
export function analyzeDocument(text: string, sentences: readonly Sentence[]): SentenceAnalysis[] {
  // compromise gives a few terms no characters (stray punctuation): they are not entities.
  const entities = [...languageEntities(text), ...formatEntities(text)].filter((e) => e.end > e.start);
  const definitions = findDefinitions(text);
  return sentences.map((sentence) => {
    const inside = (span: Span) => span.start >= sentence.start && span.end <= sentence.end;
    return {
      entities: dedupe(entities.filter(inside)),
      definitions: definitions.filter((d) => inside(d.subject) && inside(d.definition)),
      roles: rolesOf(sentence.text),
    };
  });
}

function rolesOf(text: string): SentenceRole[] {
  const roles: SentenceRole[] = [];
  if (SIGNATURE.test(text)) roles.push('signature');
  if (ATTRIBUTION.test(text)) roles.push('attribution');
  if (QUOTED.test(text)) roles.push('quotation');
  if (/:\s*$/.test(text)) roles.push('introduction');
  if (BYLINE.test(text)) roles.push('byline');
  if (mentionsCause(text)) roles.push('cause');
  return roles;
}

interface Term {
  text: string;
  tags: string[];
  post: string;
  offset: { start: number; length: number };
}

/**
 * People, organisations, places, dates, durations and counts from compromise's tags, read in one
 * pass over its terms (a query per type would walk the document again each time): a run of
 * terms with the type's tag is one entity, and a comma or other break ends it, as compromise's
 * own `people()`, `places()`… split them.
 */
function languageEntities(text: string): Entity[] {
  const sentences = (nlp(text).json({ offset: true }) as { terms: Term[] }[]).map((sentence) => sentence.terms);
  const entities: Entity[] = [];
  for (const [type, test, breaks] of LANGUAGE_TYPES) {
    for (const terms of sentences) {
      let run: Term[] = [];
      const close = () => {
        if (run.length) entities.push({ type, start: run[0]!.offset.start, end: endOf(run[run.length - 1]!) });
        run = [];
      };
      for (const term of terms) {
        if (test(term)) run.push(term);
        else close();
        if (breaks.test(term.post)) close();
      }
      close();
    }
  }
  for (const terms of sentences) {
    for (let i = 1; i < terms.length; i++) {
      // A duration is a number and a unit: "five years", "18 months", "three-day".
      if (!terms[i]!.tags.includes('Duration') || !isNumber(terms[i - 1]!) || PUNCTUATION.test(terms[i - 1]!.post)) continue;
      let first = i - 1;
      while (first > 0 && isNumber(terms[first - 1]!) && !PUNCTUATION.test(terms[first - 1]!.post)) first--;
      entities.push({ type: 'duration', start: terms[first]!.offset.start, end: endOf(terms[i]!) });
    }
  }
  // compromise tags units of time as dates too: "years" alone is not a date, "last week" is.
  return entities.filter((e) => e.type !== 'date' || NAMES_A_TIME.test(text.slice(e.start, e.end)));
}

const endOf = (term: Term) => term.offset.start + term.offset.length;
const isNumber = (term: Term) => term.tags.includes('Value') || term.tags.includes('Cardinal');
// A four-digit number from 1800 to 2099 standing alone is a year ("the 2016 election").
const isYear = (term: Term) => term.tags.includes('Year') || (term.tags.includes('Cardinal') && /^(?:18|19|20)\d\d$/.test(term.text));
const PUNCTUATION = /[,;:()[\]"“”]/;
// Dates run on over commas ("Wednesday, November 18, 2020"); names and numbers do not.
const BRACKETS = /[;:()[\]"“”]/;
const LANGUAGE_TYPES: [EntityType, (term: Term) => boolean, RegExp][] = [
  ['person', (t) => t.tags.includes('Person') || t.tags.includes('Honorific'), PUNCTUATION],
  ['organisation', (t) => t.tags.includes('Organization'), PUNCTUATION],
  ['place', (t) => t.tags.includes('Place') || t.tags.includes('Address'), PUNCTUATION],
  ['date', (t) => (t.tags.includes('Date') && !t.tags.includes('Duration')) || isYear(t), BRACKETS],
  ['count', (t) => t.tags.includes('Cardinal') && !isYear(t) && !t.tags.includes('Date'), PUNCTUATION],
  ['name', (t) => t.tags.includes('ProperNoun') && !NAME_TYPED.some((tag) => t.tags.includes(tag)), PUNCTUATION],
];
// Tags that already type a proper noun: such a term is not an untyped name.
const NAME_TYPED = ['Person', 'Organization', 'Place', 'Date', 'Month', 'WeekDay', 'Value'];

const NAMES_A_TIME =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|today|tomorrow|tonight|last|next|this|ago|recent|earlier|later)\b/i;

function formatEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  const add = (type: EntityType, pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) entities.push({ type, start: match.index, end: match.index + match[0].length });
  };
  add('money', MONEY);
  add('percentage', PERCENTAGE);
  add('age', AGE);
  add('handle', HANDLE);
  add('hashtag', HASHTAG);
  add('link', LINK);
  return entities;
}

/**
 * Values are typed once: a number inside an amount of money, a percentage, an age, a date or a
 * duration is not also a count; identical spans of two language types keep the first.
 */
function dedupe(entities: Entity[]): Entity[] {
  const specific = entities.filter((e) => e.type !== 'count');
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const counts = entities.filter((e) => e.type === 'count' && !specific.some((s) => VALUE_TYPES.has(s.type) && overlaps(s, e)));
  const seen = new Set<string>();
  return [...specific, ...counts]
    .filter((e) => {
      const key = `${e.start}:${e.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

const VALUE_TYPES = new Set<EntityType>(['money', 'percentage', 'age', 'date', 'duration']);

/**
 * Appositives and relative clauses after a name ("Bryan Ware, the assistant director…,",
 * "Krebs, who, until his sacking was the Director of …,") and acronyms after their expansion
 * ("Cybersecurity and Infrastructure Security Agency, CISA" or "… Agency (CISA)").
 */
function findDefinitions(text: string): Definition[] {
  const definitions: Definition[] = [];
  for (const match of text.matchAll(NAME_THEN_CLAUSE)) {
    const name = match[1]!;
    const clause = match[2]!;
    if (clause.length < MIN_DEFINITION_CHARS) continue;
    const subjectStart = match.index;
    const clauseStart = match.index + match[0].length - clause.length;
    definitions.push({
      form: /^(?:who|which|whose)\b/i.test(clause) ? 'relative' : 'appositive',
      subject: { start: subjectStart, end: subjectStart + name.length },
      definition: { start: clauseStart, end: clauseStart + clause.length },
    });
  }
  for (const match of text.matchAll(ACRONYM_AFTER_EXPANSION)) {
    const acronym = match[2]!;
    const words = [...match[1]!.matchAll(/\S+/g)];
    // The expansion starts at the word from which the capitals spell the acronym.
    const from = words.findIndex(
      (word, i) =>
        /^\p{Lu}/u.test(word[0]) &&
        words
          .slice(i)
          .filter((w) => /^\p{Lu}/u.test(w[0]))
          .map((w) => w[0][0])
          .join('') === acronym,
    );
    if (from < 0) continue;
    const expansionStart = match.index + words[from]!.index;
    const expansionEnd = match.index + match[1]!.length;
    const acronymStart = match.index + match[0].length - acronym.length;
    definitions.push({
      form: 'acronym',
      subject: { start: acronymStart, end: acronymStart + acronym.length },
      definition: { start: expansionStart, end: expansionEnd },
    });
  }
  return definitions;
}

const MIN_DEFINITION_CHARS = 8;
// A capitalised name, a comma, then a clause that describes it: an appositive up to the next
// comma; a relative clause up to the comma before the main verb ("Krebs, who, until his sacking
// was the Director of …, CISA, was charged with…") or the end of the sentence.
const NAME_THEN_CLAUSE =
  /(?<![\p{L}'’])(\p{Lu}[\p{L}'’.-]*(?:\s+(?:of|de|van|der|von|\p{Lu}[\p{L}'’.-]*))*),\s+((?:who|which|whose),?\s[^;:!?]{2,200}?(?=,\s+(?:\p{Ll}+ly\s+)?(?:was|is|were|are|has|had|have|will|would|can|could|said|says)\b|[;:!?]|\.(?:\s|$)|$)|(?:the|a|an|its|his|her|their|now|then|formerly|former)\s[^,;:!?]{2,160}?(?=,|;|\.(?:\s|$)|$))/gu;
// Capitalised words (with "and", "of", "for", "the" between them), then ", ACR" or " (ACR)".
const ACRONYM_AFTER_EXPANSION =
  /((?:\p{Lu}[\p{L}'’-]*)(?:\s+(?:and|of|for|the|on|in|&|\p{Lu}[\p{L}'’-]*))*\s+\p{Lu}[\p{L}'’-]*)(?:,\s+|\s+\()(\p{Lu}{2,8})(?=[,)\s.]|$)/gu;
