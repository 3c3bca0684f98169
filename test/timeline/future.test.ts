import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/timeline/mentions';
import { bbcDocument, bbcSample, bbcSuite, extract, HAS_BBC, storyDocument } from './helpers';

/** Whether a date at any precision starts after the publication day. */
const afterPublication = (date: string, publication: string) => date > publication.slice(0, date.length);

describe('nothing is dated after the publication date unless its year is written', () => {
  it('the story has nothing after 2020-11-18', () => {
    const { events } = extract(storyDocument());
    expect(events.filter((e) => afterPublication(e.date, '2020-11-18'))).toEqual([]);
  });

  it('future phrasing with a relative date is skipped; a written future year is kept', () => {
    expect(findDates('Ministers will meet on Thursday to agree the plan.', '2005-03-16')).toEqual([]);
    expect(findDates('On Thursday, ministers will meet to agree the plan.', '2005-03-16')).toEqual([]);
    expect(findDates('Some 6,500 US stores plan to open just after midnight on Tuesday 9 November.', '2004-11-05')).toEqual([]);
    expect(findDates('It hopes to break even by 2006.', '2005-03-16').map((m) => [m.date, m.kind])).toEqual([['2006', 'year']]);
    expect(findDates('The Olympics open on 27 July 2012.', '2005-07-06').map((m) => [m.date, m.kind])).toEqual([
      ['2012-07-27', 'explicit'],
    ]);
  });

  describe.skipIf(!HAS_BBC)(bbcSuite('50 BBC articles dated in front matter'), () => {
    for (const publication of ['2005-01-03', '2005-03-16']) {
      it(`none of their relative dates resolves after ${publication}`, () => {
        for (const file of bbcSample(50)) {
          const { events } = extract(bbcDocument(file, publication));
          for (const event of events) {
            if (/\b(19|20)\d{2}\b/.test(event.mention)) continue; // a written year may lie ahead
            expect(afterPublication(event.date, publication), `${file}: ${event.mention} → ${event.date}`).toBe(false);
          }
        }
      });
    }
  });
});
