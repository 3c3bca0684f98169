import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/timeline/mentions';
import { documentOf, extract } from './helpers';

describe('a month with a year is a month-precision event', () => {
  it('"In January 2004" → 2004-01', () => {
    const { events } = extract(documentOf('In January 2004, the company moved its headquarters to Dublin.', '2005-03-16'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ date: '2004-01', precision: 'month', mention: 'January 2004' });
    expect(events[0]!.summary).toBe('the company moved its headquarters to Dublin');
  });

  it('works without a publication date, since the year is written', () => {
    expect(findDates('Its highest level since May 2001.', null)[0]).toMatchObject({ date: '2001-05', precision: 'month' });
  });

  it('"the end of June 2004" is June 2004, not the 30th', () => {
    expect(findDates('Sales fell until the end of June 2004.', '2005-03-16')[0]).toMatchObject({ date: '2004-06', precision: 'month' });
  });
});

describe('a month name alone is a month-precision event on or before the publication month', () => {
  it('"in October" in March 2005 is October 2004; "in January" is January 2005', () => {
    expect(findDates('Output fell in October.', '2005-03-16')[0]).toMatchObject({ date: '2004-10', precision: 'month' });
    expect(findDates('Output fell in January.', '2005-03-16')[0]).toMatchObject({ date: '2005-01', precision: 'month' });
  });

  it('"in January last year" takes the stated year', () => {
    expect(findDates('Three executives were fired in January last year.', '2005-03-16')[0]).toMatchObject({
      date: '2004-01',
      text: 'January last year',
    });
  });

  it('is no date in a name or without a date-making word', () => {
    for (const sentence of [
      'Mr March said he was pleased.',
      'Theresa May spoke.',
      'He may resign.',
      'A bit of January cheer.',
      'The March rally drew thousands.',
    ]) {
      expect(findDates(sentence, '2005-03-16'), sentence).toEqual([]);
    }
  });
});
