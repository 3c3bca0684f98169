import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/timeline/mentions';
import { bbcDocument, bbcSuite, eventWith, extract, HAS_BBC } from './helpers';

describe('relative expressions resolve against the publication date', () => {
  it('"yesterday" and "two days ago" are days', () => {
    expect(findDates('The minister resigned yesterday.', '2005-01-10')[0]).toMatchObject({
      date: '2005-01-09',
      precision: 'day',
      kind: 'relative',
    });
    expect(findDates('The site went live two days ago.', '2005-01-01')[0]).toMatchObject({
      date: '2004-12-30',
      precision: 'day',
      text: 'two days ago',
    });
  });

  it('"last week" is the month of the previous Monday-to-Sunday week, at month precision', () => {
    // Published Wednesday 2005-03-16: last week is 7-13 March.
    expect(findDates('The Commission announced it last week.', '2005-03-16')[0]).toMatchObject({
      date: '2005-03',
      precision: 'month',
      text: 'last week',
    });
    // Published Wednesday 2005-03-02: last week is 21-27 February.
    expect(findDates('The Commission announced it last week.', '2005-03-02')[0]).toMatchObject({ date: '2005-02', precision: 'month' });
  });

  it('"last week" is skipped when that week straddles two months (no day or month can be stated)', () => {
    // Published 2005-03-09: last week is 28 February - 6 March.
    expect(findDates('The Commission announced it last week.', '2005-03-09')).toEqual([]);
  });

  it('"last month" and "last year" are a month and a year', () => {
    expect(findDates('Sales fell last month.', '2005-03-16')[0]).toMatchObject({ date: '2005-02', precision: 'month' });
    expect(findDates('Sales fell last year.', '2005-03-16')[0]).toMatchObject({ date: '2004', precision: 'year' });
    expect(findDates('Profits rose 15% from a year ago.', '2005-03-16')[0]).toMatchObject({
      date: '2004',
      precision: 'year',
      text: 'a year ago',
    });
  });

  it('spans, generic "today"/"now" and the future are skipped', () => {
    for (const sentence of [
      'Sales have risen over the past two weeks.',
      'Prices rose in recent months.',
      'The computers of today are fast.',
      "He told the BBC's Today programme he would stay.",
      'The site is now closed.',
      'The band will tour next week.',
      'The results are out tomorrow.',
      'A decision is expected later this year.',
      'The store opens in 10 days.',
      'A fantasy set 6,000 years ago.',
    ]) {
      expect(findDates(sentence, '2005-03-16'), sentence).toEqual([]);
    }
  });
});

describe.skipIf(!HAS_BBC)(bbcSuite('relative expressions in BBC articles (test copies dated in front matter)'), () => {
  it('"two days ago" (tech/warning-over-tsunami-aid-website, dated 2005-02-02) → 2005-01-31', () => {
    const { events } = extract(bbcDocument('tech/warning-over-tsunami-aid-website.txt', '2005-02-02'));
    const event = eventWith(events, 'two days ago');
    expect(event).toMatchObject({ date: '2005-01-31', precision: 'day' });
    expect(event!.quote).toContain('started circulating two days ago shortly after the domain name of the site was registered');
    // "in early January" and "during January" in the same article: January 2005.
    expect(eventWith(events, 'January')).toMatchObject({ date: '2005-01', precision: 'month' });
  });

  it('"last week" (tech/europe-backs-digital-tv-lifestyle): month precision, skipped when the week straddles months', () => {
    const inMarch = extract(bbcDocument('tech/europe-backs-digital-tv-lifestyle.txt', '2005-03-16')).events;
    const lastWeek = eventWith(inMarch, 'last week');
    expect(lastWeek).toMatchObject({ date: '2005-03', precision: 'month' });
    expect(lastWeek!.summary).toBe(
      'In Nice last week, the European Commission announced its Networked & Electronic Media (NEM) initiative',
    );
    const straddling = extract(bbcDocument('tech/europe-backs-digital-tv-lifestyle.txt', '2005-03-09')).events;
    expect(eventWith(straddling, 'last week')).toBeUndefined();
  });

  it('"on Tuesday" and "yesterday" (business/two-nigerian-banks-set-to-merge, dated Monday 2005-01-17)', () => {
    const { events } = extract(bbcDocument('business/two-nigerian-banks-set-to-merge.txt', '2005-01-17'));
    expect(eventWith(events, 'Tuesday')).toMatchObject({ date: '2005-01-11', precision: 'day' });
    expect(eventWith(events, 'yesterday')).toMatchObject({ date: '2005-01-16', precision: 'day' });
  });

  it('"yesterday" (tech/tech-helps-disabled-speed-demons, dated 2005-01-14) → 2005-01-13; "International 2005" is a name', () => {
    const { events } = extract(bbcDocument('tech/tech-helps-disabled-speed-demons.txt', '2005-01-14'));
    expect(eventWith(events, 'yesterday')).toMatchObject({ date: '2005-01-13', precision: 'day' });
    expect(events.some((e) => e.date === '2005')).toBe(false);
  });
});
