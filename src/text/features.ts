/**
 * Causal connectives of news copy: the cue that a sentence (or a clause, when a quote is
 * shortened) states a reason. A word list is what this is; the rest of sentence analysis
 * is in analysis.ts.
 */

// Explanations in news copy: "fired ... for saying", "because", "after", "in response to".
const CAUSE =
  /\b(because|since|due to|owing to|as a result|for (?:saying|being|having|failing|refusing|his|her|their|its)|in response to|in the wake of|amid|after|following|over (?:claims|allegations|concerns|fears)|led to|leading to|prompted|blamed|accused|reason|so that|in order to|why)\b/i;

export function mentionsCause(text: string): boolean {
  return CAUSE.test(text);
}
