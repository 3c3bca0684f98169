import { StoryQaError, type StoryQaErrorOptions } from '../util/errors';

/**
 * What is wrong with a database file. Every problem but `migration-failed` is found before
 * anything is written, so the file is left exactly as it was.
 */
export type DatabaseProblem =
  /** Opened for reading only, and there is no file yet. */
  | 'missing'
  /** The file is not SQLite at all (a text file, another format, garbage). */
  | 'not-a-database'
  /** A SQLite database of something else: tables, but no story-qa schema version. */
  | 'foreign-database'
  /** Written by a newer story-qa, whose schema this code does not know. */
  | 'newer-schema'
  /** The file or its folder cannot be created, opened or written. */
  | 'unwritable'
  /** A migration failed; its transaction was rolled back. */
  | 'migration-failed';

export interface DatabaseErrorDetails extends StoryQaErrorOptions {
  problem: DatabaseProblem;
  file: string;
  /** For `newer-schema` and `migration-failed`: the file's schema version and the code's. */
  schema?: { found: number; supported: number } | undefined;
}

export class DatabaseError extends StoryQaError {
  override readonly name = 'DatabaseError';
  readonly problem: DatabaseProblem;
  readonly file: string;
  readonly schema: { found: number; supported: number } | null;

  constructor(message: string, details: DatabaseErrorDetails) {
    super(message, details);
    this.problem = details.problem;
    this.file = details.file;
    this.schema = details.schema ?? null;
  }
}
