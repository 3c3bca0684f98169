import type { Database } from 'better-sqlite3';
import { DatabaseError } from './errors';
import type { Migration } from './migrations';

const UNTOUCHED = 'The file was left as it was.';

/**
 * Refuses a database this code must not touch, reading only: one from a newer schema, or a
 * SQLite file that belongs to something else (version 0 but already has tables). Reading the
 * header is also what makes SQLite notice a file that is not a database at all.
 */
export function checkSchema(db: Database, file: string, supported: number): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > supported) {
    throw new DatabaseError(`${file} has schema version ${found}; this version of story-qa knows versions up to ${supported}.`, {
      problem: 'newer-schema',
      file,
      schema: { found, supported },
      hint: `${UNTOUCHED} Run the newer story-qa that wrote it, or use another data folder.`,
    });
  }
  if (found === 0 && db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() !== 0) {
    throw new DatabaseError(`${file} is a SQLite database, but not one of story-qa's (it has tables and no story-qa schema version).`, {
      problem: 'foreign-database',
      file,
      hint: `${UNTOUCHED} Use another file name or data folder.`,
    });
  }
  return found;
}

/**
 * Applies the migrations the database has not had yet, all in one immediate transaction: another
 * process opening the same file waits for it, and a failure leaves the previous schema intact.
 * Returns the versions it went between, or null when the schema was current.
 */
export function migrate(db: Database, file: string, migrations: readonly Migration[]): { from: number; to: number } | null {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${i + 1} is numbered ${m.version}: migrations must be numbered 1, 2, 3… in order.`);
  });
  const supported = migrations.length;
  return db
    .transaction(() => {
      // Read again inside the lock: another process may have migrated since the first check.
      const found = checkSchema(db, file, supported);
      if (found === supported) return null;
      for (const migration of migrations.slice(found)) {
        try {
          migration.up(db);
        } catch (cause) {
          throw new DatabaseError(
            `Could not upgrade ${file} to schema version ${migration.version} (${migration.description}): ${(cause as Error).message}`,
            { problem: 'migration-failed', file, schema: { found, supported }, hint: UNTOUCHED, userFacing: false, cause },
          );
        }
      }
      db.pragma(`user_version = ${supported}`);
      return { from: found, to: supported };
    })
    .immediate();
}
