import type { Channel } from 'discord.js';
import type { PreviousTurn } from '../answer/follow-up';
import { normalizeQuestionText } from '../answer/question';
import { clip } from '../util/clip';

/** Turns a follow-up is read against: "why?" needs the last one, "he" the last that named someone. */
export const MAX_TURNS = 3;
/** A conversation idle longer than this is over: a later reply starts afresh. */
export const CONVERSATION_IDLE_MS = 30 * 60_000;
/**
 * Conversations (and answer messages pointing into them) kept at once, oldest dropped first:
 * a few hundred bytes each, so the memory stays bounded however busy the server.
 */
export const MAX_CONVERSATIONS = 5000;

interface Conversation {
  turns: (PreviousTurn & { at: number })[];
  lastAt: number;
}

/** Where a conversation lives: a thread, or a chain of replies to the bot's answers. */
export type ConversationKey = `thread:${string}` | `answer:${string}`;

/**
 * The bot's recent conversations, in memory only (a restart forgets them): the last few turns of
 * each, for follow-ups that reply to an answer or are asked in a thread the bot answers in.
 */
export class Conversations {
  private readonly conversations = new Map<ConversationKey, Conversation>();
  /** Answer message id → the conversation it belongs to. */
  private readonly answers = new Map<string, ConversationKey>();
  /** Answers being given, by channel: a follow-up asked meanwhile waits for them (see `settled`). */
  private readonly inProgress = new Map<string, Set<Promise<unknown>>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The conversation an answer message belongs to; a message the bot does not remember starts one of its own. */
  ofAnswer(messageId: string): ConversationKey {
    return this.answers.get(messageId) ?? `answer:${messageId}`;
  }

  /** The recent turns, oldest first; none when the conversation is over or unknown. */
  recall(key: ConversationKey): PreviousTurn[] {
    const conversation = this.conversations.get(key);
    if (!conversation) return [];
    if (this.now() - conversation.lastAt > CONVERSATION_IDLE_MS) {
      this.conversations.delete(key);
      return [];
    }
    return conversation.turns.map(({ question, people }) => ({ question, people }));
  }

  /** Adds a turn (keeping the last MAX_TURNS) and links the answer message to the conversation. */
  remember(key: ConversationKey, turn: PreviousTurn, answerMessageId: string | null): void {
    const at = this.now();
    const known = this.conversations.get(key);
    const turns = known && at - known.lastAt <= CONVERSATION_IDLE_MS ? known.turns : [];
    turns.push({ ...turn, at });
    this.conversations.delete(key); // re-inserted last: Map order is least recently used first
    this.conversations.set(key, { turns: turns.slice(-MAX_TURNS), lastAt: at });
    if (answerMessageId) {
      this.answers.delete(answerMessageId);
      this.answers.set(answerMessageId, key);
    }
    evictOldest(this.conversations, MAX_CONVERSATIONS);
    evictOldest(this.answers, MAX_CONVERSATIONS * MAX_TURNS);
  }

  /**
   * Runs `work`, an answer being given in these channels (a thread and its parent): a follow-up
   * typed before the answer was remembered waits for it instead of missing its turn.
   */
  async answering<T>(channelIds: readonly (string | null)[], work: () => Promise<T>): Promise<T> {
    const running = work();
    const ids = channelIds.filter((id): id is string => id !== null);
    for (const id of ids) {
      const set = this.inProgress.get(id) ?? new Set();
      set.add(running);
      this.inProgress.set(id, set);
    }
    try {
      return await running;
    } finally {
      for (const id of ids) {
        const set = this.inProgress.get(id);
        set?.delete(running);
        if (set?.size === 0) this.inProgress.delete(id);
      }
    }
  }

  /** Settles once the answers in progress in these channels at the time of the call are given (or failed). */
  async settled(channelIds: readonly (string | null)[]): Promise<void> {
    const running = channelIds.flatMap((id) => (id ? [...(this.inProgress.get(id) ?? [])] : []));
    await Promise.allSettled(running);
  }

  get size(): number {
    return this.conversations.size;
  }
}

function evictOldest<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/** The conversation of a thread the bot started (every message there is for it), else null. */
export function conversationIn(channel: Channel | null, botId: string): ConversationKey | null {
  return channel?.isThread() && channel.ownerId === botId ? `thread:${channel.id}` : null;
}

/** Thread names are short in Discord's sidebar: the question, cut at a word. */
export const THREAD_NAME_MAX = 90;

/** A thread named after its question, without mentions or markup. */
export function threadName(question: string): string {
  return clip(normalizeQuestionText(question), THREAD_NAME_MAX) || 'Question';
}
