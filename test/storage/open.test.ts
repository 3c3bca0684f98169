import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseError, databaseFile, openDatabase, SCHEMA_VERSION } from '../../src/storage';
import { tempDir } from '../support/paths';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function refusal(open: () => unknown): DatabaseError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseError);
    return error as DatabaseError;
  }
  throw new Error('expected the database to be refused');
}

describe('openDatabase', () => {
  it('creates the data folder and the file, in WAL mode, at the current schema version', () => {
    const file = databaseFile(path.join(tempDir('db-'), 'nested', 'data'));
    const db = openDatabase(file);
    expect(db.migrated).toEqual({ from: 0, to: SCHEMA_VERSION });
    db.close();

    const raw = new Sqlite(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    raw.close();
    const again = openDatabase(file);
    expect(again.migrated).toBeNull();
    again.close();
  });

  it('refuses a file that is not a SQLite database, naming it, and leaves it exactly as it was', () => {
    const dir = tempDir('db-');
    const file = path.join(dir, 'story-qa.sqlite');
    writeFileSync(file, 'channel,story\n123,krebs\n'.repeat(50));
    const before = digest(file);

    const error = refusal(() => openDatabase(file));
    expect(error.problem).toBe('not-a-database');
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.hint).toMatch(/left as it was.*move it away/);
    expect(error.userFacing).toBe(true);
    expect(digest(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['story-qa.sqlite']);
  });

  it('refuses a database written by a newer schema, without modifying it', () => {
    const file = databaseFile(tempDir('db-'));
    openDatabase(file).close();
    const raw = new Sqlite(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = digest(file);

    const error = refusal(() => openDatabase(file));
    expect(error.problem).toBe('newer-schema');
    expect(error.schema).toEqual({ found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });
    expect(error.message).toContain(file);
    expect(digest(file)).toBe(before);
  });

  it("refuses another application's SQLite database rather than adding tables to it", () => {
    const file = path.join(tempDir('db-'), 'other.sqlite');
    const raw = new Sqlite(file);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const before = digest(file);

    expect(refusal(() => openDatabase(file)).problem).toBe('foreign-database');
    expect(digest(file)).toBe(before);
  });

  it('says the location is unwritable when its folder cannot be created', () => {
    const blocker = path.join(tempDir('db-'), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const file = databaseFile(path.join(blocker, 'data'));

    const error = refusal(() => openDatabase(file));
    expect(error.problem).toBe('unwritable');
    expect(error.message).toContain(file);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  it('with mustExist, reports a missing file instead of creating one', () => {
    const dir = tempDir('db-');
    const error = refusal(() => openDatabase(databaseFile(dir), { mustExist: true }));
    expect(error.problem).toBe('missing');
    expect(readdirSync(dir)).toEqual([]);
  });
});
