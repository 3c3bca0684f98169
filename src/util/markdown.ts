/**
 * Corpus text is shown inside Discord markdown; characters that would start formatting are
 * escaped so a quote cannot turn bold, hide as a spoiler or break a code block. Discord shows
 * the escaped text exactly as written, so what users read stays verbatim.
 */
export function escapeMarkdown(text: string): string {
  return escapeInline(text).replace(/^(\s*)([>#-])/gm, '$1\\$2');
}

/** For text placed after other text on a line: only its own line starts can begin a block. */
export function escapeInline(text: string): string {
  return text.replace(/([\\*_~`|])/g, '\\$1').replace(/\n(\s*)([>#-])/g, '\n$1\\$2');
}

/**
 * For what a user typed and the bot repeats (a timeline topic, a name the corpus lacks): on top
 * of markdown, links (`[text](url)`), mentions, channels and timestamps (`<@…>`, `<#…>`, `<t:…>`)
 * are escaped, so an echo can never become a masked link or a live mention.
 */
export function escapeEcho(text: string): string {
  return escapeMarkdown(text).replace(/([[\]()<>])/g, '\\$1');
}
