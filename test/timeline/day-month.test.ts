import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/timeline/mentions';
import { bbcDocument, bbcSuite, documentOf, eventWith, extract, HAS_BBC, storyDocument } from './helpers';

describe('a day and month without a year take the year that puts them on or before the publication date', () => {
  it('"31 December" in a document dated 2005-01-10 is 2004-12-31 (across the year boundary)', () => {
    const { events } = extract(documentOf('The tsunami warning came on 31 December, officials said.', '2005-01-10'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ date: '2004-12-31', precision: 'day', mention: '31 December' });
  });

  it('"1 January" in the same document stays in 2005', () => {
    expect(findDates('The law came into force on 1 January.', '2005-01-10')[0]?.date).toBe('2005-01-01');
  });

  it('a date later in the year than the publication date is last year\'s ("5 March" in November → this year, "30 November" in November → last year)', () => {
    expect(findDates('The deal was signed on 5 March.', '2020-11-18')[0]?.date).toBe('2020-03-05'); // chrono says 2021-03-05
    expect(findDates('The deal was signed on 30 November.', '2020-11-18')[0]?.date).toBe('2019-11-30');
  });

  it('story: "November 12" → 2020-11-12 and "the November 3 presidential election" → 2020-11-03', () => {
    const { events } = extract(storyDocument());
    expect(eventWith(events, 'November 12')?.date).toBe('2020-11-12');
    expect(eventWith(events, 'November 3')?.date).toBe('2020-11-03');
  });

  it('29 February without a year is skipped, not misdated (chrono drops it when its guessed year is no leap year)', () => {
    expect(findDates('It was registered on 29 February.', '2005-03-16')).toEqual([]);
    expect(findDates('It was registered on 29 February 2004.', '2005-03-16')[0]?.date).toBe('2004-02-29');
  });

  it('skips yearless slash dates ("8/13" odds), the future ("will be held on 27 April") and undated documents', () => {
    expect(findDates('Bookmakers offered 8/13 odds on the film.', '2005-03-16')).toEqual([]);
    expect(findDates('Preview performances will now be held on 14, 20 and 27 April.', '2005-03-16')).toEqual([]);
    expect(findDates('The deal was signed on 5 March.', null)).toEqual([]);
  });
});

describe.skipIf(!HAS_BBC)(bbcSuite('day-month dates in a BBC article'), () => {
  it('"Between midnight on 31 December and midnight on 1 January" in an article dated 2005-01-10', () => {
    const { events } = extract(bbcDocument('tech/new-year-s-texting-breaks-record.txt', '2005-01-10'));
    expect(eventWith(events, '31 December')).toMatchObject({ date: '2004-12-31', precision: 'day' });
    expect(eventWith(events, '1 January')).toMatchObject({ date: '2005-01-01', precision: 'day' });
    expect(eventWith(events, '31 December')!.summary).toBe('133m text messages were sent in the UK');
    // "last year's figures" in the same article is 2004.
    expect(eventWith(events, 'last year')).toMatchObject({ date: '2004', precision: 'year' });
  });
});
