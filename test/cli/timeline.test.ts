import { describe, expect, it } from 'vitest';
import { npmRun } from '../support/cli';
import { STORY_INDEX } from '../support/paths';

describe('npm run timeline', () => {
  it('--json prints only {"events": [...]} with the story’s key events in order', async () => {
    const { code, stdout } = await npmRun('timeline', ['--json', '--index', STORY_INDEX]);
    expect(code).toBe(0);
    const { events } = JSON.parse(stdout);
    const find = (date: string, text: string) =>
      events.find((e: { date: string; quote: string }) => e.date === date && e.quote.includes(text));
    expect(find('2020-11-03', 'November 3 presidential election')).toBeTruthy();
    expect(find('2020-11-12', 'Bryan Ware')).toBeTruthy();
    expect(find('2020-11-17', '59 election security experts')).toBeTruthy();
    expect(find('2020-11-18', 'announce the sacking of Krebs')).toBeTruthy();
    expect(find('2020-11-18', 'Honored to serve')).toBeTruthy();
    expect(find('2016', 'Russia’s interference with the 2016 election')).toMatchObject({ precision: 'year' });
    const order = events.map((e: { date: string }) => e.date);
    expect(order).toEqual([...order].sort());
  });

  it('prints pages for Discord, narrowed by --topic', async () => {
    const { code, stdout } = await npmRun('timeline', ['--index', STORY_INDEX, '--topic', 'Bryan Ware']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\*\*2020-11-12\*\* — .*Bryan Ware.* \[1\]/);
    expect(stdout).not.toMatch(/2020-11-17/);
  });

  it('rejects an unparseable --from with exit code 2', async () => {
    const { code, stderr } = await npmRun('timeline', ['--index', STORY_INDEX, '--from', 'the day after']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot read --from "the day after" as a date/);
  });

  it('says so when a topic matches nothing', async () => {
    const { code, stdout, stderr } = await npmRun('timeline', ['--index', STORY_INDEX, '--topic', 'cricket scores']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/No dated events were found for “cricket scores”/);
    expect(stderr).toMatch(/No dated events match/);
  });
});
