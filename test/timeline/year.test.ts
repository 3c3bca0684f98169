import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/timeline/mentions';
import { documentOf, extract } from './helpers';

describe('a year alone is a year-precision event', () => {
  it('"the 2016 election" → 2016', () => {
    const { events } = extract(documentOf('Russia interfered with the 2016 election, investigators found.', '2020-11-18'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ date: '2016', precision: 'year', mention: '2016' });
  });

  it('"in 2003", "Since 1997", "mid-2004", "Labour\'s 1997 victory" are years', () => {
    expect(findDates('The firm was founded in 2003.', null).map((m) => m.date)).toEqual(['2003']);
    expect(findDates('Since 1997 the party has governed.', null).map((m) => m.date)).toEqual(['1997']);
    expect(findDates('Prices peaked in mid-2004.', null).map((m) => m.date)).toEqual(['2004']);
    expect(findDates("Labour's 1997 victory was a landslide.", null).map((m) => m.date)).toEqual(['1997']);
  });

  it('amounts, counts, codes and names are not years', () => {
    for (const sentence of [
      'The fund raised $1m from 59 experts.',
      'More than 2,000 people attended.',
      'The scheme cost $2000 per head.',
      'About 2000 people attended.',
      'Some 1999 jobs were lost.',
      'It shows films at 2048 x 1080 pixels.',
      'It is a 2048-bit long number.',
      'The show starts at 2000 GMT.',
      'He still runs Windows 2000.',
      'Protect 2020.',
      'The #Protect2020 campaign.',
      'Scores of 2-1 and 1-0 were recorded.',
      'The 2004-05 season was a success.',
      'Growth was 20.04% this quarter.',
      'In the 1990s sales boomed.',
    ]) {
      expect(findDates(sentence, null), sentence).toEqual([]);
    }
  });

  it('a written year after the publication date is kept ("by 2010")', () => {
    expect(findDates('The firm wants 150 million users by 2010.', '2005-03-16').map((m) => m.date)).toEqual(['2010']);
  });
});
