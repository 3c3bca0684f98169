/**
 * Paging for surfaces with a message limit: items (lines, events, blocks) are packed in order
 * into pages, each as full as `maxChars` allows. The limit is the caller's: this module knows no
 * surface.
 */

/**
 * Items packed greedily into pages, in order: a page takes the next item while `pageLength` of
 * the page with it stays within `maxChars`. `pageLength` measures a whole page as it would be
 * shown, so what a page adds around its items (header, sources, "Page k/N") counts too.
 *
 * An item too long for any page still gets a page of its own (the caller cuts it to fit): no
 * item is ever dropped. No items make one empty page, so there is always a page to show.
 */
export function packPages<T>(items: readonly T[], maxChars: number, pageLength: (page: readonly T[]) => number): T[][] {
  const pages: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    if (current.length > 0 && pageLength(candidate) > maxChars) {
      pages.push(current);
      current = [item];
    } else {
      current = candidate;
    }
  }
  pages.push(current);
  return pages;
}

/** "Page k/N": the label of page k (1-based) of N. */
export function pageLabel(k: number, n: number): string {
  return `Page ${k}/${n}`;
}

/**
 * The longest label any of `count` items' pages can get: as many pages as items, the most
 * there can be. Reserving it while packing keeps pages within the limit whatever N turns out.
 */
export function widestPageLabel(count: number): string {
  return pageLabel(count, count);
}
