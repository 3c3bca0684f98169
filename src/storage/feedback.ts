import { createHmac } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { USER_HASH_SALT_KEY } from './migrations';

export type VoteDirection = 'up' | 'down';

/** A quote an answer cited, as much of it as is needed to review or replay the answer. */
export interface FeedbackCitation {
  docId: string;
  start: number;
  end: number;
  quote: string;
  sentenceId?: number | undefined;
}

/** Someone pressed 👍 or 👎 under an answer. */
export interface VoteInput {
  /** The answer message the buttons are on. */
  messageId: string;
  /** Never stored: only a salted hash of it, enough to tell one voter from another. */
  userId: string;
  vote: VoteDirection;
  question: string;
  intent: string;
  citations: readonly FeedbackCitation[];
  /** The index build that produced the answer. */
  buildId: string;
  storyId: string | null;
  channelId: string;
  guildId: string | null;
}

export interface VoteResult {
  /** The user's vote on the message now: pressing the same button twice withdraws it. */
  vote: VoteDirection | null;
  change: 'added' | 'switched' | 'withdrawn';
  /** The message's counts after this vote, for the buttons' labels. */
  up: number;
  down: number;
}

/** The votes on one answer: a question with the quotes given for it (asked once or many times). */
export interface RatedAnswer {
  question: string;
  intent: string;
  citations: FeedbackCitation[];
  up: number;
  down: number;
  /** up - down */
  net: number;
}

export interface FeedbackSummary {
  votes: number;
  up: number;
  down: number;
  /** Distinct question texts voted on. */
  questions: number;
  /** Net-negative answers, most negative first. */
  worst: RatedAnswer[];
}

/** How many of the worst-rated answers a summary lists unless told otherwise. */
export const DEFAULT_WORST_LIMIT = 10;

const VOTE_VALUE = { up: 1, down: -1 } as const;

interface RatedRow {
  question: string;
  intent: string;
  citations: string;
  up: number;
  down: number;
}

/**
 * Thumbs up/down on answers, one vote per user and message. User ids are stored as HMAC-SHA256
 * with a random salt kept in the database: votes can be told apart and changed, but the file
 * does not list who voted (anyone holding the file can still test a known id against it).
 */
export class FeedbackStore {
  private readonly salt: string;
  private readonly selectVote: Statement<[string, string], { vote: number }>;
  private readonly insertVote: Statement<[Record<string, string | number | null>]>;
  private readonly setVote: Statement<[number, string, string]>;
  private readonly deleteVote: Statement<[string, string]>;
  private readonly counts: Statement<[string], { up: number; down: number }>;
  private readonly totals: Statement<[], { votes: number; up: number; down: number; questions: number }>;
  private readonly rated: Statement<[number], RatedRow>;

  constructor(private readonly db: Database) {
    const salt = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(USER_HASH_SALT_KEY) as string | undefined;
    if (!salt) throw new Error(`The database has no ${USER_HASH_SALT_KEY}: its schema was not created by its migrations.`);
    this.salt = salt;
    this.selectVote = db.prepare('SELECT vote FROM feedback_votes WHERE message_id = ? AND user_hash = ?');
    this.insertVote = db.prepare(`
      INSERT INTO feedback_votes (message_id, user_hash, vote, question, intent, citations, build_id, story_id, channel_id, guild_id, created_at)
      VALUES (@message_id, @user_hash, @vote, @question, @intent, @citations, @build_id, @story_id, @channel_id, @guild_id, @created_at)`);
    this.setVote = db.prepare('UPDATE feedback_votes SET vote = ? WHERE message_id = ? AND user_hash = ?');
    this.deleteVote = db.prepare('DELETE FROM feedback_votes WHERE message_id = ? AND user_hash = ?');
    this.counts = db.prepare(
      'SELECT coalesce(sum(vote = 1), 0) AS up, coalesce(sum(vote = -1), 0) AS down FROM feedback_votes WHERE message_id = ?',
    );
    this.totals = db.prepare(`
      SELECT count(*) AS votes, coalesce(sum(vote = 1), 0) AS up, coalesce(sum(vote = -1), 0) AS down, count(DISTINCT question) AS questions
      FROM feedback_votes`);
    // Identical answers to the same question pool their votes; -1 as the limit means all of them.
    this.rated = db.prepare(`
      SELECT question, intent, citations, sum(vote = 1) AS up, sum(vote = -1) AS down
      FROM feedback_votes GROUP BY question, intent, citations
      ORDER BY sum(vote) ASC, down DESC, question LIMIT ?`);
  }

  /** Records a press of 👍 or 👎: a new vote, a switch to the other, or (the same again) a withdrawal. */
  vote(input: VoteInput): VoteResult {
    return this.db.transaction((): VoteResult => {
      const user = this.hashUser(input.userId);
      const value = VOTE_VALUE[input.vote];
      const previous = this.selectVote.get(input.messageId, user)?.vote;
      let change: VoteResult['change'];
      if (previous === undefined) {
        this.insertVote.run({
          message_id: input.messageId,
          user_hash: user,
          vote: value,
          question: input.question,
          intent: input.intent,
          citations: JSON.stringify(input.citations.map(citationRecord)),
          build_id: input.buildId,
          story_id: input.storyId,
          channel_id: input.channelId,
          guild_id: input.guildId,
          created_at: new Date().toISOString(),
        });
        change = 'added';
      } else if (previous === value) {
        this.deleteVote.run(input.messageId, user);
        change = 'withdrawn';
      } else {
        this.setVote.run(value, input.messageId, user);
        change = 'switched';
      }
      return { vote: change === 'withdrawn' ? null : input.vote, change, ...this.counts.get(input.messageId)! };
    })();
  }

  /** Totals, and the worst-rated answers with what they cited. */
  summary(options: { limit?: number | undefined } = {}): FeedbackSummary {
    const worst = this.rated.all(options.limit ?? DEFAULT_WORST_LIMIT).map(ratedAnswer);
    return { ...this.totals.get()!, worst: worst.filter((answer) => answer.net < 0) };
  }

  /** Every answer that has votes, most net-negative first. */
  ratedAnswers(): RatedAnswer[] {
    return this.rated.all(-1).map(ratedAnswer);
  }

  private hashUser(userId: string): string {
    return createHmac('sha256', this.salt).update(userId).digest('hex');
  }
}

/** Only the stored fields, in a fixed order, so that identical answers have identical JSON. */
function citationRecord(c: FeedbackCitation): FeedbackCitation {
  const record: FeedbackCitation = { docId: c.docId, start: c.start, end: c.end, quote: c.quote };
  if (c.sentenceId !== undefined) record.sentenceId = c.sentenceId;
  return record;
}

function ratedAnswer(row: RatedRow): RatedAnswer {
  const citations = JSON.parse(row.citations) as FeedbackCitation[];
  return { question: row.question, intent: row.intent, citations, up: row.up, down: row.down, net: row.up - row.down };
}
