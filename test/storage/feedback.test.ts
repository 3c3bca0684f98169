import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFile, openDatabase, type FeedbackCitation, type VoteInput } from '../../src/storage';
import { tempDir } from '../support/paths';

const USER = '123456789012345678';
const FIRED: FeedbackCitation = {
  docId: 'krebs-fired',
  start: 0,
  end: 40,
  quote: 'Donald Trump has fired Christopher Krebs.',
  sentenceId: 0,
};
const WARE: FeedbackCitation = { docId: 'krebs-fired', start: 900, end: 960, quote: 'Bryan Ware had handed in his resignation.' };

function answer(messageId: string, question: string, citations: FeedbackCitation[] = [FIRED]): Omit<VoteInput, 'userId' | 'vote'> {
  return { messageId, question, intent: 'why', citations, buildId: 'build-1', storyId: 'krebs', channelId: 'c1', guildId: 'g1' };
}

const open = () => openDatabase(databaseFile(tempDir('feedback-')));

describe('feedback votes', () => {
  it('a press records a vote, the same press again withdraws it, the other one switches it', () => {
    const db = open();
    const m1 = answer('m1', 'Why was Krebs fired?');
    expect(db.feedback.vote({ ...m1, userId: USER, vote: 'up' })).toEqual({ vote: 'up', change: 'added', up: 1, down: 0 });
    expect(db.feedback.vote({ ...m1, userId: USER, vote: 'down' })).toEqual({ vote: 'down', change: 'switched', up: 0, down: 1 });
    expect(db.feedback.vote({ ...m1, userId: USER, vote: 'down' })).toEqual({ vote: null, change: 'withdrawn', up: 0, down: 0 });
    expect(db.feedback.vote({ ...m1, userId: USER, vote: 'down' })).toEqual({ vote: 'down', change: 'added', up: 0, down: 1 });
    db.close();
  });

  it("count each user once per message, and each message's votes apart", () => {
    const db = open();
    const m1 = answer('m1', 'Why was Krebs fired?');
    db.feedback.vote({ ...m1, userId: 'alice', vote: 'up' });
    db.feedback.vote({ ...m1, userId: 'bob', vote: 'up' });
    expect(db.feedback.vote({ ...m1, userId: 'carol', vote: 'down' })).toMatchObject({ up: 2, down: 1 });
    expect(db.feedback.vote({ ...answer('m2', 'Who is Bryan Ware?'), userId: 'alice', vote: 'down' })).toMatchObject({ up: 0, down: 1 });
    db.close();
  });

  it('never store the user id: only a hash salted per database', () => {
    const dirs = [tempDir('feedback-'), tempDir('feedback-')];
    const hashes = dirs.map((dir) => {
      const db = openDatabase(databaseFile(dir));
      db.feedback.vote({ ...answer('m1', 'Why was Krebs fired?'), userId: USER, vote: 'up' });
      db.close();
      for (const name of readdirSync(dir)) expect(readFileSync(path.join(dir, name)).includes(USER)).toBe(false);
      const raw = new Sqlite(databaseFile(dir), { readonly: true });
      const hash = raw.prepare('SELECT user_hash FROM feedback_votes').pluck().get() as string;
      raw.close();
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      return hash;
    });
    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it('summary: totals, then the net-negative answers, worst first, with what they cited', () => {
    const db = open();
    const fired = answer('m1', 'Why was Krebs fired?');
    const ware = answer('m2', 'Who is Bryan Ware?', [WARE, FIRED]);
    const wareAgain = answer('m3', 'Who is Bryan Ware?', [WARE, FIRED]);
    db.feedback.vote({ ...fired, userId: 'alice', vote: 'up' });
    db.feedback.vote({ ...fired, userId: 'bob', vote: 'down' });
    db.feedback.vote({ ...ware, userId: 'alice', vote: 'down' });
    db.feedback.vote({ ...wareAgain, userId: 'bob', vote: 'down' });
    db.feedback.vote({ ...answer('m4', 'When was the election?', [WARE]), userId: 'carol', vote: 'down' });

    const summary = db.feedback.summary();
    expect(summary).toMatchObject({ votes: 5, up: 1, down: 4, questions: 3 });
    // The two identical answers about Ware pool their votes; the tied Krebs answer is not "worst".
    expect(summary.worst.map((a) => [a.question, a.up, a.down, a.net])).toEqual([
      ['Who is Bryan Ware?', 0, 2, -2],
      ['When was the election?', 0, 1, -1],
    ]);
    expect(summary.worst[0]).toMatchObject({ intent: 'why', citations: [WARE, FIRED] });
    expect(db.feedback.summary({ limit: 1 }).worst).toHaveLength(1);
    expect(db.feedback.ratedAnswers().map((a) => a.net)).toEqual([-2, -1, 0]);
    db.close();
  });

  it('keep only the citation fields it needs, whatever else the caller passes', () => {
    const db = open();
    const full = { ...WARE, id: 1, title: 'Trump fires CISA director', score: 0.9 };
    db.feedback.vote({ ...answer('m1', 'Who is Bryan Ware?', [full]), userId: 'alice', vote: 'down' });
    expect(db.feedback.ratedAnswers()[0]!.citations).toEqual([WARE]);
    db.close();
  });

  it('summarise an empty database as zeros', () => {
    const db = open();
    expect(db.feedback.summary()).toEqual({ votes: 0, up: 0, down: 0, questions: 0, worst: [] });
    db.close();
  });
});
