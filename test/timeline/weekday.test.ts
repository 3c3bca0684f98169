import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/timeline/mentions';
import { bbcDocument, bbcSuite, documentOf, eventWith, extract, HAS_BBC, storyDocument } from './helpers';

describe('a bare weekday is the latest such day on or before the publication date', () => {
  it('story (published Wednesday 2020-11-18): "On Tuesday, November 17" → 2020-11-17, "On Wednesday" → 2020-11-18', () => {
    const { events } = extract(storyDocument());
    expect(eventWith(events, 'Tuesday, November 17')?.date).toBe('2020-11-17');
    expect(eventWith(events, 'Wednesday')?.date).toBe('2020-11-18');
  });

  it('takes the previous Thursday where chrono would take the next one', () => {
    // Published Wednesday 2020-11-18: chrono's nearest Thursday is 2020-11-19.
    const [thursday] = findDates('On Thursday, the agency said it had found no fraud.', '2020-11-18');
    expect(thursday).toMatchObject({ date: '2020-11-12', precision: 'day', text: 'Thursday', kind: 'weekday' });
  });

  it('is the publication day itself when the weekdays agree', () => {
    expect(findDates('The minister resigned on Wednesday.', '2020-11-18')[0]?.date).toBe('2020-11-18');
  });

  it('"last Wednesday" is strictly before the publication day', () => {
    expect(findDates('The minister resigned last Wednesday.', '2020-11-18')[0]?.date).toBe('2020-11-11');
  });

  it('keeps day precision with a time of day', () => {
    const [night] = findDates('He arrived in Britain on Sunday night after flying from the United States.', '2005-03-16');
    expect(night).toMatchObject({ date: '2005-03-13', precision: 'day' });
  });

  it('an explicit weekday and day ("Tuesday, November 17") is that day', () => {
    expect(findDates('On Tuesday, November 17, Krebs tweeted.', '2020-11-18')[0]).toMatchObject({
      date: '2020-11-17',
      text: 'Tuesday, November 17',
    });
  });

  it('skips weekdays that are names, habits, abbreviations or the future', () => {
    for (const sentence of [
      'He told the Sunday Times he would stay.',
      'Shoppers queued for Black Friday bargains.',
      'The club meets on Fridays.',
      'He sat on the bench as the sun rose.',
      'The talks will resume on Thursday.',
      'The ministers are due to meet on Thursday.',
      'The vote takes place next Tuesday.',
      'The band played at the weekend.',
    ]) {
      expect(findDates(sentence, '2020-11-18'), sentence).toEqual([]);
    }
  });

  it('skips a bare weekday when the document has no publication date', () => {
    expect(findDates('On Tuesday, the minister resigned.', null)).toEqual([]);
  });
});

describe.skipIf(!HAS_BBC)(bbcSuite('a bare weekday in a BBC article'), () => {
  it('"on Tuesday" in an article dated Monday 2005-01-17 is 2005-01-11, not the next day', () => {
    const { events } = extract(bbcDocument('business/two-nigerian-banks-set-to-merge.txt', '2005-01-17'));
    const tuesday = eventWith(events, 'Tuesday');
    expect(tuesday).toMatchObject({ date: '2005-01-11', precision: 'day' });
    expect(tuesday!.quote).toBe(
      "The merger was announced in a statement on Standard Trust's website on Tuesday, but no financial details were revealed.",
    );
  });

  it('a document dated with front matter resolves the same article differently', () => {
    const { events } = extract(bbcDocument('business/two-nigerian-banks-set-to-merge.txt', '2005-01-20'));
    expect(eventWith(events, 'Tuesday')?.date).toBe('2005-01-18');
    expect(documentOf('x', '2005-01-20').date).toBe('2005-01-20');
  });
});
