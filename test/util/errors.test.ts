import { describe, expect, it } from 'vitest';
import { isUserFacing, StoryQaError } from '../../src/util/errors';

class ExampleError extends StoryQaError {
  override readonly name = 'ExampleError';
}

describe('StoryQaError', () => {
  it('carries its name, hint and whether users may read it, for surfaces to word', () => {
    const error = new ExampleError('The index is damaged.', { hint: 'Rebuild it with `npm run index`.' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExampleError');
    expect(error.message).toBe('The index is damaged.');
    expect(error.fullMessage).toBe('The index is damaged. Rebuild it with `npm run index`.');
    expect(isUserFacing(error)).toBe(true);
    expect(String(error)).toBe('ExampleError: The index is damaged.');
  });

  it('marks internal failures as not for users, and keeps the cause', () => {
    const cause = new Error('disk full');
    const error = new ExampleError('Could not write the index.', { userFacing: false, cause });
    expect(isUserFacing(error)).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.fullMessage).toBe('Could not write the index.');
    expect(isUserFacing(new Error('plain'))).toBe(false);
  });
});
