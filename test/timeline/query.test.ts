import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { timeline, timelineJson, timelinePages, TimelineQueryError } from '../../src/timeline';
import { storyEngine } from '../support/engines';

let engine: Engine;
beforeAll(async () => {
  engine = await storyEngine();
});
afterAll(() => engine.embedder.close());

const dates = async (query: Parameters<typeof timeline>[1]) => (await timeline(engine, query)).events.map((e) => e.date);

describe('querying the timeline', () => {
  it('gives the story’s events in chronological order, every quote verbatim', async () => {
    const { events } = await timeline(engine);
    const days = events.map((e) => e.date);
    expect(days).toEqual([...days].sort());
    expect(days).toEqual(expect.arrayContaining(['2016', '2020-11-03', '2020-11-12', '2020-11-17', '2020-11-18']));
    expect(days.every((d) => d <= '2020-11-18')).toBe(true);
    const text = engine.index.documents[0]!.text;
    for (const e of events) {
      expect(text.slice(e.start, e.end)).toBe(e.quote);
      expect(e.quote).toContain(e.summary);
    }
  });

  it('narrows to a topic by retrieval over the event sentences', async () => {
    expect(await dates({ topic: 'Bryan Ware' })).toEqual(['2020-11-12']);
    const election = await dates({ topic: 'the election' });
    expect(election).toEqual(expect.arrayContaining(['2016', '2020-11-03', '2020-11-17']));
    expect(election).not.toContain('2020-11-12');
  });

  it('gives an empty timeline, and says so, for a topic that matches nothing', async () => {
    const result = await timeline(engine, { topic: 'Premier League transfer window' });
    expect(result.events).toEqual([]);
    expect(timelinePages(engine, result, 2000)).toEqual([
      expect.stringMatching(/No dated events were found for “Premier League transfer window”/),
    ]);
  });

  it('filters by date range, counting year and month events that overlap it', async () => {
    expect(await dates({ from: '2020-11-12', to: '2020-11-17' })).toEqual(['2020', '2020-11-12', '2020-11-17']);
    expect(await dates({ to: '2019' })).toEqual(['2016']);
    expect(await dates({ from: '17 November 2020' })).toEqual([
      '2020',
      '2020-11-17',
      '2020-11-18',
      '2020-11-18',
      '2020-11-18',
      '2020-11-18',
    ]);
  });

  it('limits the number of events: the earliest, or the most relevant to a topic', async () => {
    expect(await dates({ limit: 2 })).toEqual(['2016', '2020']);
    expect(await dates({ topic: 'Krebs fired', limit: 1 })).toHaveLength(1);
  });

  it('rejects dates it cannot read, and a range that ends before it starts', async () => {
    await expect(timeline(engine, { from: 'soonish' })).rejects.toThrow(TimelineQueryError);
    await expect(timeline(engine, { to: '2020-13' })).rejects.toMatchObject({
      problem: { kind: 'unreadable-date', bound: 'to', value: '2020-13' },
    });
    await expect(timeline(engine, { from: '2021', to: '2020' })).rejects.toMatchObject({
      problem: { kind: 'reversed-range', from: '2021', to: '2020' },
    });
  });

  it('has a JSON form with exactly the contract fields', async () => {
    const json = timelineJson(await timeline(engine));
    expect(Object.keys(json)).toEqual(['events']);
    for (const e of json.events)
      expect(Object.keys(e).sort()).toEqual(['date', 'docId', 'paragraph', 'precision', 'quote', 'summary', 'title']);
  });

  it('renders pages within the limit its surface gives', async () => {
    for (const page of timelinePages(engine, await timeline(engine), 700)) expect(page.length).toBeLessThanOrEqual(700);
  });
});
