import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { ChannelSettingsStore } from './channel-settings';
import { DatabaseError } from './errors';
import { FeedbackStore } from './feedback';
import { checkSchema, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

/** The database's file name inside the data folder. */
export const DATABASE_FILE = 'story-qa.sqlite';

/**
 * How long a statement waits for another connection's write lock (`npm run feedback` reading
 * while the bot writes, a second process migrating) before failing. Writes take milliseconds.
 */
const BUSY_TIMEOUT_MS = 5000;

export interface BotDatabase {
  readonly file: string;
  readonly channels: ChannelSettingsStore;
  readonly feedback: FeedbackStore;
  /** The schema versions this open upgraded between, or null when it was current. */
  readonly migrated: { from: number; to: number } | null;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Refuse a file that does not exist yet instead of creating it (tools that only read). */
  mustExist?: boolean | undefined;
  /** The schema's migrations in order (tests give longer or failing lists). */
  migrations?: readonly Migration[] | undefined;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/**
 * Opens the bot's database, creating it or upgrading its schema as needed. A file that is not
 * ours to change (not SQLite, another application's, a newer schema) is refused before anything
 * is written to it, with a DatabaseError saying what to do.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): BotDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  if (options.mustExist && !existsSync(file)) {
    throw new DatabaseError(`No database at ${file}.`, { problem: 'missing', file, hint: 'The bot creates it when it starts.' });
  }
  const db = connect(file);
  try {
    checkSchema(db, file, migrations.length);
    // Readers never block the writer, nor it them; NORMAL is durable in WAL mode except for the
    // last transactions before a power loss, which for votes and settings is an acceptable loss.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const migrated = migrate(db, file, migrations);
    return { file, channels: new ChannelSettingsStore(db), feedback: new FeedbackStore(db), migrated, close: () => db.close() };
  } catch (error) {
    db.close();
    throw asDatabaseError(error, file);
  }
}

function connect(file: string): Database {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    return new Sqlite(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw asDatabaseError(error, file);
  }
}

/** SQLite's and the file system's errors as DatabaseErrors; anything else is a bug, left as it is. */
function asDatabaseError(error: unknown, file: string): unknown {
  if (error instanceof DatabaseError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') {
    return new DatabaseError(`${file} is not a SQLite database.`, {
      problem: 'not-a-database',
      file,
      hint: 'It was left as it was: move it away for the bot to create a new database there, or use another data folder.',
      cause: error,
    });
  }
  if (typeof code === 'string' && /^(SQLITE_(CANTOPEN|READONLY|PERM|IOERR)|E(ACCES|PERM|NOTDIR|ROFS|EXIST))/.test(code)) {
    return new DatabaseError(`Cannot create or write the database ${file}: ${(error as Error).message}.`, {
      problem: 'unwritable',
      file,
      hint: 'Check that its folder can be created and written, or use another data folder.',
      cause: error,
    });
  }
  return error;
}
