/** Collapses runs of white space (newlines, tabs, no-break spaces) to one space and trims. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Words as a reader counts them: runs of non-space holding at least one letter or digit. */
export function countWords(paragraphs: readonly string[]): number {
  let words = 0;
  for (const paragraph of paragraphs) for (const token of paragraph.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) words++;
  return words;
}
