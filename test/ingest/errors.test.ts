import { describe, expect, it } from 'vitest';
import { IngestError, type IngestProblem } from '../../src/ingest/errors';
import { StoryQaError } from '../../src/util/errors';

const url = 'https://news.example/a';
const file = 'articles/a.txt';
const EVERY_PROBLEM: IngestProblem[] = [
  { kind: 'bad-url', url: 'ftp://x' },
  { kind: 'unreachable', url, code: 'ECONNREFUSED' },
  { kind: 'http-status', url, status: 404 },
  { kind: 'http-status', url, status: 503 },
  { kind: 'timeout', url, timeoutMs: 10_000 },
  { kind: 'too-large', url, limitBytes: 5 * 1024 * 1024 },
  { kind: 'not-html', url, contentType: 'application/pdf' },
  { kind: 'too-many-redirects', url, limit: 5 },
  { kind: 'private-address', url, host: 'internal.example', address: '10.0.0.5' },
  { kind: 'no-article', source: url },
  { kind: 'too-short', source: url, words: 42, minWords: 80 },
  { kind: 'duplicate', file, matchedBy: 'url' },
  { kind: 'empty-file', file },
  { kind: 'binary-file', file },
  { kind: 'not-utf8', file },
  { kind: 'unsupported-file', file: 'a.pdf', extension: '.pdf' },
  { kind: 'bad-front-matter', file, detail: 'invalid front matter: bad indentation' },
  { kind: 'unreadable', file, code: 'EACCES' },
  { kind: 'unwritable', file, code: 'ENOSPC' },
];

describe('IngestError', () => {
  it('is a StoryQaError for users, carrying its problem as data', () => {
    const error = new IngestError({ kind: 'http-status', url, status: 404 });
    expect(error).toBeInstanceOf(StoryQaError);
    expect(error).toMatchObject({ name: 'IngestError', userFacing: true, problem: { kind: 'http-status', status: 404 } });
  });

  it.each(EVERY_PROBLEM.map((p) => [p.kind, p] as const))('words %s in one line that names what failed', (_kind, problem) => {
    const error = new IngestError(problem);
    expect(error.fullMessage).not.toContain('\n');
    expect(error.message).toMatch(/\.$/);
    const named = 'url' in problem ? problem.url : 'file' in problem ? problem.file : problem.source;
    expect(error.message).toContain(problem.kind === 'unreachable' ? new URL(named).host : named);
  });

  it('says what to do when there is something to do', () => {
    expect(new IngestError({ kind: 'too-short', source: url, words: 42, minWords: 80 }).hint).toMatch(/\.txt/);
    expect(new IngestError({ kind: 'not-utf8', file }).hint).toMatch(/UTF-8/);
    expect(new IngestError({ kind: 'http-status', url, status: 503 }).hint).toMatch(/later/);
  });
});
