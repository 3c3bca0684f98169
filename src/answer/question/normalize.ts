/**
 * What a user typed, made plain before it is analysed or embedded: Discord's mention and emoji
 * tokens, markdown markers, "zalgo" stacks of combining marks and curly quotes say nothing about
 * the question and confuse tokenisers and the encoder. Letters of any script are kept.
 */

// <@123>, <@!123> (users), <@&123> (roles), <#123> (channels), <:name:123>/<a:name:123> (emoji),
// <t:1700000000:R> (timestamps), </ask:123> (command mentions), @everyone and @here.
const DISCORD_TOKENS = /<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|<t:-?\d+(?::[tTdDfFR])?>|<\/[\w -]+:\d+>|@(?:everyone|here)\b/g;
// Spoilers, bold, italics, strike-through, code: the markers, not the words inside.
const MARKDOWN_MARKERS = /\|\||\*\*?|__|~~|`+/g;
// Combining marks left over after NFC composition sit on letters that have no composed form:
// on Latin text they are stacked decoration, never part of a word.
const STACKED_MARKS = /(?<=[\p{Script=Latin}\p{N}\p{P}\p{Z}])\p{M}+/gu;
const SINGLE_QUOTES = /[‘’‚‛′´]/g;
const DOUBLE_QUOTES = /[“”„‟″«»]/g;
const CONTROL_AND_FORMAT = /[\p{Cc}\p{Cf}]+/gu;

export function normalizeQuestionText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(STACKED_MARKS, '')
    .replace(DISCORD_TOKENS, ' ')
    .replace(MARKDOWN_MARKERS, ' ')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(CONTROL_AND_FORMAT, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when the text holds a letter or a digit of any script: something that could be asked. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
