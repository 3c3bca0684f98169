/**
 * Follow-up questions ("why?", "who is he?", "when was that?") read against the conversation so
 * far: pronouns become the person the last answer was about, and a question with nothing left to
 * search for borrows the last question's words. The result is an ordinary question for `ask()`.
 */
import type { SearchIndex } from '../index/types';
import type { Citation } from './types';
import { analyzeQuestion, QuestionError, type Question } from './question';

/** What a later question may refer back to: one earlier turn of the conversation. */
export interface PreviousTurn {
  /** The question as it was answered (itself resolved, if it was a follow-up). */
  question: string;
  /** The people the turn was about, the likeliest referent of "he" or "she" first. */
  people: string[];
}

export interface FollowUp {
  /** The question to answer. */
  question: string;
  /** False when the question stood on its own and is unchanged. */
  resolved: boolean;
}

const PERSON_SUBJECT = /\b(he|she|him)\b/gi;
/** "his"/"her" before a word are possessive ("his handle"); "her" alone is an object ("fired her"). */
const POSSESSIVE = /\b(his|her)\b(?=\s+[\p{L}\p{N}])/giu;
const OBJECT_HER = /\bher\b/gi;
/** Words that point back at the last question's matter ("when was that?", "why did it happen?"). */
const DEMONSTRATIVE = /\b(that|this|it)\b/gi;
/** How a question opens, dropped when its remaining words are borrowed by a follow-up. */
const QUESTION_OPENING =
  /^(?:\s*\b(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|has|have|had)\b)+/i;

/**
 * `question` in the light of the earlier turns (newest last). A question that stands on its own
 * comes back unchanged; so does every question when there is no earlier turn.
 */
export function resolveFollowUp(question: string, previous: readonly PreviousTurn[]): FollowUp {
  const last = previous.at(-1);
  if (!last) return { question, resolved: false };
  let text = question;
  const person = previous.findLast((turn) => turn.people.length > 0)?.people[0];
  if (person) {
    text = text
      .replace(POSSESSIVE, () => `${person}'s`)
      .replace(PERSON_SUBJECT, person)
      .replace(OBJECT_HER, person);
  }
  if (leansOnTheLastQuestion(text)) {
    const matter = lastMatter(last.question);
    if (matter) {
      const withoutPointers = text.replace(DEMONSTRATIVE, ' ').replace(/[?!.\s]+$/u, '');
      text = `${withoutPointers} ${matter}`.replace(/\s+/g, ' ').trim();
    }
  }
  return { question: text, resolved: text !== question };
}

/**
 * A follow-up that cannot be searched on its own: nothing to look for ("why?", "when was that?"),
 * or one word beside a pointer back ("why did it happen?", "is that true?").
 */
function leansOnTheLastQuestion(text: string): boolean {
  const words = analysis(text)?.terms.length ?? 0;
  DEMONSTRATIVE.lastIndex = 0;
  return words === 0 || (words <= MAX_WORDS_BESIDE_A_POINTER && DEMONSTRATIVE.test(text));
}

/** "why did it happen" has one word of its own ("happen"), too few to say what "it" is. */
const MAX_WORDS_BESIDE_A_POINTER = 1;

/** The words of an earlier question without its opening: "who fired krebs?" → "fired krebs". */
function lastMatter(question: string): string {
  return question
    .replace(QUESTION_OPENING, '')
    .replace(/[?!.\s]+$/u, '')
    .trim();
}

function analysis(text: string): Question | null {
  try {
    return analyzeQuestion(text);
  } catch (error) {
    if (error instanceof QuestionError) return null;
    throw error;
  }
}

/**
 * The people an answer was about, for a later "he" or "she": the people named in its cited
 * sentences (as build-time analysis found them). A question asking who did something puts the
 * people it did not name first ("who fired Krebs?" → Donald Trump); any other question the
 * people it named ("who is Krebs?" → Chris Krebs); then the most often named.
 */
export function peopleOfAnswer(index: SearchIndex, question: string, citations: readonly Citation[]): string[] {
  const asked = analysis(question);
  const mentions: string[] = [];
  for (const citation of citations) {
    const doc = index.documentById.get(citation.docId);
    const range = index.documentSentences.get(citation.docId);
    if (!doc || !range) continue;
    for (let id = range.first; id < range.end; id++) {
      const sentence = index.sentences[id]!;
      if (sentence.start < citation.start || sentence.end > citation.end) continue;
      for (const entity of sentence.analysis.entities) {
        const name = doc.text
          .slice(entity.start, entity.end)
          .replace(/['’]s$/u, '')
          .trim();
        if (entity.type === 'person' && name) mentions.push(name);
      }
    }
  }
  const people = samePeople(mentions);
  const named = (person: Person) => person.names.some((name) => asked?.terms.some((t) => t.token === surname(name).toLowerCase()));
  const wantsSomeoneNew = asked?.intent === 'person';
  return people
    .map((person, order) => ({ person, order, named: named(person) }))
    .sort(
      (a, b) =>
        (wantsSomeoneNew ? Number(a.named) - Number(b.named) : Number(b.named) - Number(a.named)) ||
        b.person.count - a.person.count ||
        a.order - b.order,
    )
    .map(({ person }) => person.fullest);
}

interface Person {
  names: string[];
  /** The longest name it goes by: "Christopher Krebs" over "Krebs". */
  fullest: string;
  count: number;
}

/** Names with the same surname are one person ("Chris Krebs", "Christopher Krebs", "Krebs"), in order of first mention. */
function samePeople(mentions: readonly string[]): Person[] {
  const bySurname = new Map<string, Person>();
  for (const name of mentions) {
    const key = surname(name).toLowerCase();
    const person = bySurname.get(key) ?? { names: [], fullest: name, count: 0 };
    if (!person.names.includes(name)) person.names.push(name);
    if (name.length > person.fullest.length) person.fullest = name;
    person.count++;
    bySurname.set(key, person);
  }
  return [...bySurname.values()];
}

function surname(name: string): string {
  return name.split(/\s+/).at(-1) ?? name;
}
