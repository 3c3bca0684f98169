export const ELLIPSIS = '…';

/** Longest title shown in a list or a citation line; longer ones are clipped at a word. */
export const MAX_TITLE_SHOWN = 150;

/**
 * Where to cut `text` to keep at most `max` characters whole: the last space at or before
 * `max` when it lies in the second half, else `max` itself (mid-word beats losing half the text).
 */
export function wordCut(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const word = text.lastIndexOf(' ', max);
  return word > max / 2 ? word : max;
}

/**
 * `text` cut to at most `max` characters, ellipsis included: at a word boundary (with `atLine`,
 * preferably a line break) when one lies in the second half, else mid-word; never leaving half
 * of a surrogate pair.
 */
export function clip(text: string, max: number, options: { atLine?: boolean } = {}): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - ELLIPSIS.length);
  const line = options.atLine ? text.lastIndexOf('\n', room) : -1;
  const cut = line > room / 2 ? line : wordCut(text, room);
  let head = text.slice(0, cut);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}${ELLIPSIS}`;
}
