import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SQUAD_FILE } from '../../src/eval/squad';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const STORY_CORPUS = path.join(REPO_ROOT, 'corpus', 'krebs-fired');
/** Shared, read-only: 2,095 BBC articles in five category folders. */
export const BBC_ROOT = path.resolve(REPO_ROOT, '../shared/data/bbc-news/articles');
export const HAS_BBC = existsSync(BBC_ROOT);
export const BBC_MISSING = `BBC articles not found at ${BBC_ROOT}: tests over the BBC corpus are skipped`;
export const HAS_SQUAD = existsSync(SQUAD_FILE);
export const SQUAD_MISSING = `SQuAD part not found at ${SQUAD_FILE}: the SQuAD benchmark tests are skipped`;

/** Built once per test run by the global setup; tests only read them. */
export const ARTIFACTS = path.join(REPO_ROOT, '.test-artifacts');
export const SHARED_CACHE = path.join(ARTIFACTS, 'cache');
export const STORY_INDEX = path.join(ARTIFACTS, 'indexes', 'story');
export const BBC_INDEX = path.join(ARTIFACTS, 'indexes', 'bbc-225');
export const BBC_FRESH_INDEX = path.join(ARTIFACTS, 'indexes', 'bbc-300');
export const SQUAD_INDEX = path.join(ARTIFACTS, 'indexes', 'squad');
export const BBC_SUBSET = path.join(ARTIFACTS, 'corpora');

export function tempDir(prefix = 'story-qa-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
