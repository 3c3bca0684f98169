/**
 * How any message of the bot is made: Discord's limits, mention safety, time stamps, error ids
 * and the error details logged. What a particular reply says is in replies.ts.
 */
import { randomBytes } from 'node:crypto';
import { MessageFlags, type InteractionReplyOptions, type MessageMentionOptions } from 'discord.js';
import { clip } from '../util/clip';

/** Discord's limit on a message's content, in characters. */
export const DISCORD_MESSAGE_LIMIT = 2000;

/**
 * What every message of the bot carries: no `@everyone`, `@here`, user or role mention in a quote
 * or a question ever pings anyone, and replying to a message does not ping its author.
 * Set as the client default AND passed on every send, so no code path depends on the default.
 */
export function noMentions(): MessageMentionOptions {
  return { parse: [], repliedUser: false };
}

/** `text` cut to Discord's limit, at a line (else a word) boundary, marked with "…". */
export function fitMessage(text: string, limit = DISCORD_MESSAGE_LIMIT): string {
  return clip(text, limit, { atLine: true });
}

/** A duration in seconds, to one decimal: 3.14159 → 3.1. */
export function tenths(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

/** A private reply (only the user who acted sees it), within limits, pinging no one. */
export function ephemeral(content: string): InteractionReplyOptions {
  return { content: fitMessage(content), flags: MessageFlags.Ephemeral, allowedMentions: noMentions() };
}

/** Discord renders `<t:unix:R>` as "in 5 seconds" in the reader's language and time zone. */
export function relativeTime(epochMs: number): string {
  return `<t:${Math.ceil(epochMs / 1000)}:R>`;
}

export function absoluteTime(epochMs: number): string {
  return `<t:${Math.floor(epochMs / 1000)}:f>`;
}

/** A short id to quote to an admin, e.g. `E-7F3A2C`; the log line carries the same id. */
export function newErrorId(): string {
  return `E-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export function apology(errorId: string): string {
  return `Sorry, something went wrong while answering (error \`${errorId}\`). Please try again; if it keeps happening, tell a server admin the error id.`;
}

/** Interaction and webhook tokens travel in URLs: keep them out of logs. */
export function scrubTokens(text: string): string {
  return text.replace(/(\/(?:webhooks|interactions)\/\d+\/)[^/?\s"']+/g, '$1[token]');
}

/** An error as a log field: type, message, code, status, request and stack, with tokens scrubbed. */
export function errorDetails(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubTokens(String(error)) };
  const extra = error as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  return {
    type: error.name,
    message: scrubTokens(error.message),
    ...(extra.code !== undefined ? { code: extra.code } : {}),
    ...(typeof extra.status === 'number' ? { status: extra.status } : {}),
    ...(typeof extra.method === 'string' ? { method: extra.method } : {}),
    ...(typeof extra.url === 'string' ? { url: scrubTokens(extra.url) } : {}),
    ...(error.stack ? { stack: scrubTokens(error.stack) } : {}),
  };
}

/**
 * Interactions whose answer was sent as an edit, successful or not: an edit that failed may still
 * have been applied by Discord (only its response was lost), so the answer may be on screen.
 */
const answersSent = new WeakSet<object>();

/** Call before editing the deferred reply into the answer. */
export function noteAnswerSent(interaction: object): void {
  answersSent.add(interaction);
}

/** False only when nothing but the "thinking…" placeholder can be on screen. */
export function answerMayBeShown(interaction: object): boolean {
  return answersSent.has(interaction);
}
