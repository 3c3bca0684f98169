import { describe, expect, it } from 'vitest';
import { compareEvents } from '../../src/timeline/merge';
import { eventWith, extract, storyDocument } from './helpers';

// corpus/krebs-fired.txt, published 2020-11-18 (a Wednesday).
describe('timeline of the story "Trump fires CISA director Chris Krebs"', () => {
  const { doc, events } = extract(storyDocument());

  it('reads the publication date from the seed date marker', () => {
    expect(doc.date).toBe('2020-11-18');
  });

  it('includes the November 3 presidential election', () => {
    const election = eventWith(events, 'November 3');
    expect(election).toMatchObject({ date: '2020-11-03', precision: 'day', paragraph: 1 });
    expect(election!.summary).toBe('the November 3 presidential election was clean and fair');
  });

  it("includes Bryan Ware's resignation on November 12", () => {
    const resignation = eventWith(events, 'November 12');
    expect(resignation).toMatchObject({ date: '2020-11-12', precision: 'day' });
    expect(resignation!.summary).toContain('Bryan Ware');
    expect(resignation!.summary).toContain('had handed in his resignation');
  });

  it("includes Krebs's post of the experts' report on Tuesday, November 17, without the date phrase in the summary", () => {
    const post = eventWith(events, 'Tuesday, November 17');
    expect(post).toMatchObject({ date: '2020-11-17', precision: 'day' });
    expect(post!.summary).toBe('Krebs had tweeted a report citing 59 election security experts');
  });

  it("includes Trump's announcement and Krebs's reply on 2020-11-18", () => {
    const onTheDay = events.filter((e) => e.date === '2020-11-18');
    const quotes = onTheDay.map((e) => e.quote).join('\n');
    expect(quotes).toContain('Trump took to his verified Twitter handle on Wednesday, November 18, to announce the sacking of Krebs');
    expect(quotes).toContain('On Wednesday, Trump played his hand when he tweeted:');
    expect(quotes).toContain('Chris Krebs has been terminated as Director');
    // Krebs's reply: the embedded post signed "— Chris Krebs (@C_C_Krebs) November 18, 2020".
    const reply = onTheDay.find((e) => e.quote.includes('(@C_C_Krebs)'));
    expect(reply?.quote.startsWith('Honored to serve.')).toBe(true);
    expect(reply?.mention).toBe('November 18, 2020');
  });

  it('puts "On Wednesday" on the publication day, 2020-11-18, not a week later', () => {
    const wednesday = eventWith(events, 'Wednesday');
    expect(wednesday?.date).toBe('2020-11-18');
    expect(events.some((e) => e.date === '2020-11-25')).toBe(false);
  });

  it("includes Russia's interference with the 2016 election at year precision", () => {
    const interference = eventWith(events, '2016');
    expect(interference).toMatchObject({ date: '2016', precision: 'year' });
    expect(interference!.summary).toContain('Russia’s interference with the 2016 election');
  });

  it('quotes every event verbatim, at its offsets, with the summary inside the quote', () => {
    for (const event of events) {
      expect(doc.text.slice(event.start, event.end)).toBe(event.quote);
      expect(event.quote).toContain(event.summary);
      expect(event.quote).toContain(event.mention);
      expect(event.docId).toBe('krebs-fired');
      expect(event.title).toBe('Trump fires CISA director Chris Krebs');
    }
  });

  it('is sorted chronologically, the year 2016 first', () => {
    expect(events.map((e) => e.date)).toEqual([...events].sort(compareEvents).map((e) => e.date));
    expect(events[0]!.date).toBe('2016');
    const days = events.filter((e) => e.precision === 'day').map((e) => e.date);
    expect(days).toEqual([...days].sort());
    expect(days[0]).toBe('2020-11-03');
  });

  it('folds "the 2020 election outcome" into the November 17 event of the same sentence', () => {
    const sentenceOfNov17 = eventWith(events, 'Tuesday, November 17')!.sentenceIds;
    const yearEvents = events.filter((e) => e.date === '2020');
    expect(yearEvents.every((e) => !e.sentenceIds.some((id) => sentenceOfNov17.includes(id)))).toBe(true);
  });

  it('dates nothing after the publication date', () => {
    expect(events.every((e) => e.date <= '2020-11-18'.slice(0, e.date.length))).toBe(true);
  });
});
