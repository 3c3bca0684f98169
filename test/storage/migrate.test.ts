import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseError, databaseFile, MIGRATIONS, openDatabase, SCHEMA_VERSION, type Migration } from '../../src/storage';
import { tempDir } from '../support/paths';

const vote = {
  question: 'Why was Krebs fired?',
  intent: 'why',
  citations: [],
  buildId: 'b1',
  storyId: null,
  channelId: 'c1',
  guildId: 'g1',
};

/** A schema version after the real ones, as the next release would add. */
const addTags: Migration = {
  version: SCHEMA_VERSION + 1,
  description: 'tags on channels',
  up: (db) => db.exec("ALTER TABLE channel_settings ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'"),
};

function tables(file: string): string[] {
  const raw = new Sqlite(file, { readonly: true });
  const names = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  raw.close();
  return names;
}

function userVersion(file: string): number {
  const raw = new Sqlite(file, { readonly: true });
  const version = raw.pragma('user_version', { simple: true }) as number;
  raw.close();
  return version;
}

/** A database at the current schema, with a vote and a channel setting in it. */
function olderDatabase(): string {
  const file = databaseFile(tempDir('migrate-'));
  const db = openDatabase(file);
  db.channels.update('c1', 'g1', { storyId: 'krebs', threads: true });
  db.feedback.vote({ ...vote, messageId: 'm1', userId: 'u1', vote: 'down' });
  db.close();
  return file;
}

describe('schema migrations', () => {
  it('upgrade an older database with the migrations it has not had, keeping its data', () => {
    const file = olderDatabase();
    const db = openDatabase(file, { migrations: [...MIGRATIONS, addTags] });
    expect(db.migrated).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1 });
    expect(db.channels.get('c1')).toMatchObject({ storyId: 'krebs', threads: true });
    // The same user pressing the same button again withdraws the vote: the salt survived too.
    expect(db.feedback.vote({ ...vote, messageId: 'm1', userId: 'u1', vote: 'down' }).change).toBe('withdrawn');
    db.close();
    expect(userVersion(file)).toBe(SCHEMA_VERSION + 1);
  });

  it('roll back every step of an upgrade when one migration fails, leaving the older schema usable', () => {
    const file = olderDatabase();
    const before = tables(file);
    const broken: Migration = {
      version: SCHEMA_VERSION + 2,
      description: 'a step that fails halfway',
      up: (db) => {
        db.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('disk on fire');
      },
    };

    let failure: unknown;
    try {
      openDatabase(file, { migrations: [...MIGRATIONS, addTags, broken] });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(DatabaseError);
    expect(failure).toMatchObject({
      problem: 'migration-failed',
      schema: { found: SCHEMA_VERSION, supported: SCHEMA_VERSION + 2 },
      userFacing: false,
    });
    expect((failure as Error).message).toContain('disk on fire');
    expect(userVersion(file)).toBe(SCHEMA_VERSION);
    expect(tables(file)).toEqual(before);

    const db = openDatabase(file);
    expect(db.migrated).toBeNull();
    expect(db.channels.get('c1').storyId).toBe('krebs');
    db.close();
  });

  it('must be numbered 1, 2, 3… in order', () => {
    const file = databaseFile(tempDir('migrate-'));
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, { ...addTags, version: SCHEMA_VERSION + 2 }] })).toThrow(
      /numbered 1, 2, 3… in order/,
    );
  });
});
