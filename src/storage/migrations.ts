import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. Migration n takes a database from schema version n - 1 to n; they run
 * in order, never edited once released: a change to the schema is a new migration at the end.
 */
export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

/** Bytes of the salt the feedback store hashes user ids with. */
const SALT_BYTES = 32;

export const USER_HASH_SALT_KEY = 'user-hash-salt';

const initialSchema: Migration = {
  version: 1,
  description: 'channel settings, feedback votes, meta (the user-hash salt)',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE channel_settings (
        channel_id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        story_id TEXT,
        enabled INTEGER NOT NULL DEFAULT 1,
        require_mention INTEGER NOT NULL DEFAULT 1,
        threads INTEGER NOT NULL DEFAULT 0,
        ephemeral INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX channel_settings_by_guild ON channel_settings (guild_id);

      CREATE TABLE feedback_votes (
        message_id TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        question TEXT NOT NULL,
        intent TEXT NOT NULL,
        citations TEXT NOT NULL CHECK (json_valid(citations)),
        build_id TEXT NOT NULL,
        story_id TEXT,
        channel_id TEXT NOT NULL,
        guild_id TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (message_id, user_hash)
      ) STRICT;
    `);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(USER_HASH_SALT_KEY, randomBytes(SALT_BYTES).toString('hex'));
  },
};

export const MIGRATIONS: readonly Migration[] = [initialSchema];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
