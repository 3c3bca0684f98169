import { describe, expect, it } from 'vitest';
import { compareEvents, mergeEvents } from '../../src/timeline/merge';
import type { DatePrecision, TimelineEvent } from '../../src/timeline/types';
import { documentOf, extract } from './helpers';

function event(date: string, docId: string, start: number, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  const precision: DatePrecision = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
  return {
    date,
    precision,
    summary: 'x',
    quote: 'x',
    docId,
    title: docId,
    paragraph: 1,
    start,
    end: start + 1,
    sentenceIds: [start],
    mention: date,
    ...extra,
  };
}

describe('mergeEvents', () => {
  it('sorts a year before its months and a month before its days: 2020 < 2020-11 < 2020-11-03', () => {
    const sorted = mergeEvents([
      event('2020-11-03', 'a', 1),
      event('2020-11', 'a', 2),
      event('2021', 'a', 3),
      event('2020', 'a', 4),
      event('2020-10-31', 'a', 5),
    ]);
    expect(sorted.map((e) => e.date)).toEqual(['2020', '2020-10-31', '2020-11', '2020-11-03', '2021']);
  });

  it('breaks ties by document (in input order), then position', () => {
    const sorted = mergeEvents([event('2020', 'b', 9), event('2020', 'a', 5), event('2020', 'b', 1)]);
    expect(sorted.map((e) => `${e.docId}@${e.start}`)).toEqual(['b@1', 'b@9', 'a@5']);
    expect(compareEvents(event('2020', 'a', 1), event('2020', 'b', 1))).toBeLessThan(0);
  });

  it('merges mentions of one date in one sentence, keeping the most explicit mention', () => {
    const { raw, events } = extract(
      documentOf('On Wednesday, November 18, 2020, the agency said that on Wednesday it had finished.', '2020-11-18'),
    );
    expect(raw).toHaveLength(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ date: '2020-11-18', mention: 'Wednesday, November 18, 2020' });
  });

  it('merges events of one date whose quotes overlap, with the union of their quotes', () => {
    const text = 'First sentence here. Second sentence here. Third sentence here.';
    const a = event('2020-11-18', 'd', 0, { quote: text.slice(0, 42), end: 42, sentenceIds: [0, 1], mention: 'Wednesday' });
    const b = event('2020-11-18', 'd', 21, { quote: text.slice(21), end: text.length, sentenceIds: [1, 2], mention: 'November 18, 2020' });
    const [merged, ...rest] = mergeEvents([a, b]);
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ start: 0, end: text.length, quote: text, sentenceIds: [0, 1, 2], mention: 'November 18, 2020' });
  });

  it('keeps separate events for the same date in separate sentences and other documents', () => {
    const events = mergeEvents([event('2020-11-18', 'a', 0), event('2020-11-18', 'a', 10), event('2020-11-18', 'b', 0)]);
    expect(events).toHaveLength(3);
  });

  it('lets a day absorb a year or month of the same sentence that holds it, but not other years', () => {
    const { events } = extract(
      documentOf('On Tuesday, November 17, experts said the 2020 election was secure, unlike the 2016 one.', '2020-11-18'),
    );
    expect(events.map((e) => e.date)).toEqual(['2016', '2020-11-17']);
  });
});
