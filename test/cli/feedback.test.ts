import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEvalSet } from '../../src/eval/sets';
import { databaseFile, openDatabase, type FeedbackCitation, type VoteInput } from '../../src/storage';
import { npmRun } from '../support/cli';
import { REPO_ROOT, tempDir } from '../support/paths';

const FIRED: FeedbackCitation = {
  docId: 'krebs-fired',
  start: 0,
  end: 237,
  quote:
    'The President of the United States, Donald Trump has fired the head of the federal agency charged with protecting the 2020 US Election from cyber-attacks, Christopher Krebs, for saying the November 3 presidential election was clean and fair.',
  sentenceId: 0,
};
const WARE: FeedbackCitation = {
  docId: 'krebs-fired',
  start: 1200,
  end: 1290,
  quote: 'Bryan Ware, the assistant director for cybersecurity at CISA, had handed in his resignation.',
};

let dataDir: string;

/** A database as the bot leaves it: votes from several readers on a few answers. */
beforeAll(() => {
  dataDir = tempDir('feedback-cli-');
  const db = openDatabase(databaseFile(dataDir));
  const answer = (messageId: string, question: string, intent: string, citations: FeedbackCitation[]) =>
    ({
      messageId,
      question,
      intent,
      citations,
      buildId: 'build-7',
      storyId: 'krebs',
      channelId: 'c1',
      guildId: 'g1',
    }) satisfies Partial<VoteInput>;
  const fired = answer('m1', 'Why was Krebs fired?', 'why', [FIRED]);
  const ware = answer('m2', 'When did Bryan Ware resign?', 'when', [WARE, FIRED]);
  const capital = answer('m3', 'What is the capital of Australia?', 'other', [FIRED]);
  for (const userId of ['alice', 'bob', 'carol']) db.feedback.vote({ ...fired, userId, vote: 'up' });
  db.feedback.vote({ ...ware, userId: 'alice', vote: 'down' });
  db.feedback.vote({ ...capital, userId: 'alice', vote: 'down' });
  db.feedback.vote({ ...capital, userId: 'bob', vote: 'down' });
  db.close();
});

describe('npm run feedback', () => {
  it('prints the totals, then the worst-rated answers with their votes and cited quotes, one line each', async () => {
    const { code, stdout, stderr } = await npmRun('feedback', ['--data-dir', dataDir]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('6 votes on 3 questions: 3 up, 3 down.');
    expect(lines.slice(2, 5)).toEqual([
      'Worst-rated answers:',
      '  -2  (0 up, 2 down)  What is the capital of Australia?  [other]',
      '        krebs-fired: “The President of the United States, Donald Trump has fired the head of the federal agency charged…”',
    ]);
    expect(lines[5]).toBe('  -1  (0 up, 1 down)  When did Bryan Ware resign?  [when]');
    expect(lines[6]).toBe(`        krebs-fired: “${WARE.quote}”`);
    expect(stdout).not.toContain('Why was Krebs fired?');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(140);
  });

  it('reads the database named by --db, or by DATA_DIR, and lists only --limit answers', async () => {
    const byFile = await npmRun('feedback', ['--db', databaseFile(dataDir), '--limit', '1']);
    expect(byFile.code).toBe(0);
    expect(byFile.stdout).toContain('What is the capital of Australia?');
    expect(byFile.stdout).not.toContain('When did Bryan Ware resign?');

    const byEnv = await npmRun('feedback', [], { env: { DATA_DIR: dataDir } });
    expect(byEnv.stdout).toContain('6 votes on 3 questions');
  });

  it('--export writes an eval set: answers voted up with their quotes as gold, answers voted down for review', async () => {
    const out = path.join(tempDir('feedback-export-'), 'feedback.json');
    const { code, stderr } = await npmRun('feedback', ['--data-dir', dataDir, '--export', out, '--corpus', 'corpus']);
    expect(code).toBe(0);
    expect(stderr).toContain(`Wrote ${out}: 1 answerable, 2 to review.`);

    const set = JSON.parse(readFileSync(out, 'utf8'));
    expect(set.corpus).toEqual({ root: 'corpus' });
    expect(set.answerable).toEqual([
      { question: 'Why was Krebs fired?', docId: 'krebs-fired', type: 'why', split: 'feedback', gold: [FIRED.quote], answer: null },
    ]);
    expect(set.unanswerable).toEqual([]);
    expect(set.review).toEqual([
      {
        question: 'What is the capital of Australia?',
        intent: 'other',
        citations: [{ docId: 'krebs-fired', quote: FIRED.quote }],
        up: 0,
        down: 2,
      },
      {
        question: 'When did Bryan Ware resign?',
        intent: 'when',
        citations: [
          { docId: 'krebs-fired', quote: WARE.quote },
          { docId: 'krebs-fired', quote: FIRED.quote },
        ],
        up: 0,
        down: 1,
      },
    ]);
    // The eval reads it like the hand-written sets.
    const read = readEvalSet(out, REPO_ROOT);
    expect(read.corpus.root).toBe(path.join(REPO_ROOT, 'corpus'));
    expect(read.answerable[0]!.gold).toEqual([FIRED.quote]);
  });

  it('never overwrites an existing file with an export', async () => {
    const out = path.join(tempDir('feedback-export-'), 'story.json');
    writeFileSync(out, '{"hand": "written"}\n');
    const { code, stderr } = await npmRun('feedback', ['--data-dir', dataDir, '--export', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${out} already exists; export to a new file.\n`);
    expect(readFileSync(out, 'utf8')).toBe('{"hand": "written"}\n');
  });

  it('refuses a file that is not a database in one line naming it, and leaves the file as it was', async () => {
    const file = path.join(tempDir('feedback-bad-'), 'story-qa.sqlite');
    writeFileSync(file, 'question,vote\nWhy?,1\n');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const { code, stdout, stderr } = await npmRun('feedback', ['--db', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error: ${file} is not a SQLite database\\. It was left as it was`)),
    ]);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('says there is no database rather than creating an empty one', async () => {
    const dir = tempDir('feedback-none-');
    const { code, stderr } = await npmRun('feedback', ['--data-dir', dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: No database at ${databaseFile(dir)}. The bot creates it when it starts.\n`);
  });

  it('takes --db or --data-dir, not both', async () => {
    const { code, stderr } = await npmRun('feedback', ['--db', 'x.sqlite', '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toContain('Give --db or --data-dir, not both.');
  });

  it('says so when nobody has voted yet', async () => {
    const dir = tempDir('feedback-empty-');
    openDatabase(databaseFile(dir)).close();
    const { code, stdout } = await npmRun('feedback', ['--data-dir', dir]);
    expect(code).toBe(0);
    expect(stdout).toBe('No feedback votes yet.\n');
  });
});
