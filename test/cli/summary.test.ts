import { describe, expect, it } from 'vitest';
import { npmRun } from '../support/cli';
import { STORY_INDEX } from '../support/paths';

describe('npm run summary', () => {
  it('prints the story’s lead and its most central sentences, cited', async () => {
    const { code, stdout } = await npmRun('summary', ['--index', STORY_INDEX]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\*\*Summary:\*\* “The President of the United States, Donald Trump has fired the head of the federal agency/);
    expect(stdout).toMatch(/> \[2\] /);
    expect(stdout).toMatch(/Sources: \[1\] ¶1/);
  });

  it('--doc --json gives the same contract as ask --json, for one article', async () => {
    const { code, stdout } = await npmRun('summary', ['--index', STORY_INDEX, '--doc', 'krebs-fired', '--json']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ answered: true, intent: 'overview' });
    expect(answer.citations.every((c: { docId: string }) => c.docId === 'krebs-fired')).toBe(true);
  });

  it('refuses an article the index does not have, naming some it has, with exit code 2', async () => {
    const { code, stderr } = await npmRun('summary', ['--index', STORY_INDEX, '--doc', 'no-such-article']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/No article "no-such-article" in the index.*krebs-fired/);
  });
});
