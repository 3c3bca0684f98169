/** The words of the replies that answering shares between /ask and mentions (built with messages.ts). */
import type { Answer } from '../answer/types';
import type { Refusal } from './admission';
import { escapeEcho } from '../util/markdown';
import { DISCORD_MESSAGE_LIMIT, fitMessage, relativeTime } from './messages';

/**
 * The reply to a question: the engine's rendered answer, plus a one-line note when the question
 * had to be cut. The answer is already within Discord's limit; when answer and note do not fit
 * together the note comes back separately (the caller sends it as a second message).
 */
export function answerReply(answer: Answer): { content: string; extra: string | null } {
  const content = fitMessage(answer.answer);
  const notes = answer.warnings.map((w) => `-# ${w}`);
  if (notes.length === 0) return { content, extra: null };
  const note = fitMessage(notes.join('\n'));
  const combined = `${content}\n\n${note}`;
  return combined.length <= DISCORD_MESSAGE_LIMIT ? { content: combined, extra: null } : { content, extra: note };
}

/** Why a question is not answered now, and when to try again. */
export function refusalText(refusal: Refusal): string {
  if (refusal.reason === 'cooldown')
    return `You're asking faster than I can keep up with. You can ask again ${relativeTime(refusal.retryAt)}.`;
  const total = refusal.running + refusal.waiting;
  return `I'm busy: ${total} question${total === 1 ? ' is' : 's are'} ahead of yours, more than I queue. Please try again in a minute.`;
}

/** For a `story` option naming no story. */
export function unknownStoryText(name: string): string {
  return `I don’t know the story “${escapeEcho(name)}”. \`/stories\` lists them.`;
}

/** What a deferred answer shows while it waits its turn. */
export function queuedText(position: number): string {
  return position === 1 ? '⏳ Queued: yours is next.' : `⏳ Queued: ${position - 1} question${position === 2 ? '' : 's'} ahead of yours.`;
}

/** The line for a mention that holds no question. */
export function mentionHelp(botId: string): string {
  return `Mention me with a question about the news stories, e.g. <@${botId}> who resigned, and when? — or use \`/ask\`. \`/help\` lists everything I can do.`;
}
