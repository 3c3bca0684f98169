import { describe, expect, it } from 'vitest';
import { bbcDocument, bbcSuite, documentOf, extract, HAS_BBC } from './helpers';

describe('a document without a publication date', () => {
  const text = [
    'The firm was founded in 1998 and listed in January 2004.',
    '',
    'On Tuesday, its chief executive resigned. Last week the board met. It met again on 31 December.',
    '',
    'Sales fell yesterday. They fell two days ago. They fell last year. The deal closed on 5 March 2003.',
  ].join('\n');

  it('keeps the dates that write their year and skips the relative ones (weekday, "last week", day-month, "yesterday")', () => {
    const { doc, events } = extract(documentOf(text, null));
    expect(doc.date).toBeNull();
    expect(events.map((e) => [e.date, e.precision])).toEqual([
      ['1998', 'year'],
      ['2003-03-05', 'day'],
      ['2004-01', 'month'],
    ]);
  });

  it('dates the same text fully once it has a publication date', () => {
    const { events } = extract(documentOf(text, '2005-01-12'));
    expect(events.map((e) => e.date)).toEqual([
      '1998', // founded in 1998
      '2003-03-05', // 5 March 2003
      '2004', // last year
      '2004-01', // January 2004
      '2004-12-31', // 31 December
      '2005-01', // last week (3-9 January)
      '2005-01-10', // two days ago
      '2005-01-11', // On Tuesday
      '2005-01-11', // yesterday
    ]);
  });
});

describe.skipIf(!HAS_BBC)(bbcSuite('an undated BBC article'), () => {
  it('keeps "a 2004 directive" and drops "on Tuesday" and "yesterday" (business/two-nigerian-banks-set-to-merge)', () => {
    const { events } = extract(bbcDocument('business/two-nigerian-banks-set-to-merge.txt', null));
    expect(events.map((e) => e.date)).toEqual(['2004']);
  });
});
