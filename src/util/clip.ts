export const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters, ellipsis included: at a word boundary (with `atLine`,
 * preferably a line break) when one lies in the second half, else mid-word; never leaving half
 * of a surrogate pair.
 */
export function clip(text: string, max: number, options: { atLine?: boolean } = {}): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - ELLIPSIS.length);
  const line = options.atLine ? text.lastIndexOf('\n', room) : -1;
  const word = text.lastIndexOf(' ', room);
  const cut = line > room / 2 ? line : word > room / 2 ? word : room;
  let head = text.slice(0, cut);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}${ELLIPSIS}`;
}
