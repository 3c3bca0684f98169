import { expect } from 'vitest';
import type { IngestProblem } from '../../../src/ingest/errors';

/** The problem of the IngestError a call rejects with; fails the test if it resolves or throws anything else. */
export async function problemOf(promise: Promise<unknown>): Promise<IngestProblem> {
  const error = await promise.then(
    () => expect.unreachable('expected an IngestError'),
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'IngestError', userFacing: true });
  const { message } = error as Error;
  // One line, a sentence.
  expect(message).not.toContain('\n');
  expect(message).toMatch(/\.$/);
  return (error as { problem: IngestProblem }).problem;
}
