// Long enough to tell headlines apart, short enough for a file name on any system.
const MAX_SLUG_CHARS = 80;
// For a title with no Latin letter or digit at all.
const EMPTY_SLUG = 'article';

/** A file name for a title: lowercase ASCII words joined by hyphens, cut at a word, never empty. */
export function slugFor(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é → e once decomposed
    .toLowerCase()
    .replace(/['’]/g, '') // "Shell's" → "shells", not "shell-s"
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > MAX_SLUG_CHARS) break;
    slug = longer;
  }
  return slug || words[0]?.slice(0, MAX_SLUG_CHARS) || EMPTY_SLUG;
}
