/**
 * Cheap signals of what a sentence can answer, computed once at build time. They nudge the
 * ranking toward the kind of sentence a question asks for; they never decide alone.
 */

// Explanations in news copy: "fired ... for saying", "because", "after", "in response to".
const CAUSE =
  /\b(because|since|due to|owing to|as a result|for (?:saying|being|having|failing|refusing|his|her|their|its)|in response to|in the wake of|amid|after|following|over (?:claims|allegations|concerns|fears)|led to|leading to|prompted|blamed|accused|reason|so that|in order to|why)\b/i;

// A title or honorific before a capitalised word, or two capitalised words in a row mid-sentence.
const TITLED_NAME =
  /\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|President|Director|Chancellor|Secretary|Minister|Senator|Governor|Judge|Prof|Professor|chief executive|chairman|spokesman|spokeswoman)\.?\s+[A-Z][\p{L}'’-]+/u;
const NAME_PAIR = /(?<=[\p{L},;:–—] )[A-Z][\p{Ll}'’-]+(?: [A-Z]\.)? [A-Z][\p{Ll}'’-]+/u;

// Figures, amounts and counts: "3,600 vehicles", "£26,000", "seven days", "a third".
const QUANTITY =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|half|third|quarter)\b/i;

export function mentionsQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

export function mentionsCause(text: string): boolean {
  return CAUSE.test(text);
}

export function mentionsPerson(text: string): boolean {
  return (
    TITLED_NAME.test(text) ||
    NAME_PAIR.test(text) ||
    /^[A-Z][\p{Ll}'’-]+ [A-Z][\p{Ll}'’-]+,? (?:said|says|told|added|has|had|was|is)\b/u.test(text)
  );
}
