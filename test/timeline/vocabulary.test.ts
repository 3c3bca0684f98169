import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';

/** Every `new Set([...])` word list of a module, with its name, in source order. */
function wordLists(file: string): { name: string; words: string[] }[] {
  const source = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...source.matchAll(/export const (\w+) = new Set\(\[([^\]]*)\]\)/g)].map((m) => ({
    name: m[1]!,
    words: [...m[2]!.matchAll(/'([^']*)'/g)].map((w) => w[1]!),
  }));
}

describe.each(['src/timeline/vocabulary.ts'])('the word lists of %s', (file) => {
  const lists = wordLists(file);

  it('are found', () => {
    expect(lists.length).toBeGreaterThanOrEqual(5);
  });

  it.each(lists.map((l) => [l.name, l.words] as const))('%s is sorted and lists each word once', (_name, words) => {
    expect(words).toEqual([...new Set(words)].sort());
  });
});
