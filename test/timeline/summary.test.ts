import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/timeline/types';
import { bbcDocument, bbcSample, bbcSuite, documentOf, extract, HAS_BBC, storyDocument } from './helpers';

/** Every summary: non-empty, an exact substring of its quote, whole words, about 110 chars at most. */
function expectGoodSummary(event: TimelineEvent, where: string) {
  const label = `${where}: ${event.date} ${JSON.stringify(event.summary)}`;
  expect(event.summary.trim().length, label).toBeGreaterThan(0);
  expect(event.summary, label).toBe(event.summary.trim());
  expect(event.summary.length, label).toBeLessThanOrEqual(120);
  const at = event.quote.indexOf(event.summary);
  expect(at, label).toBeGreaterThanOrEqual(0);
  const before = event.quote[at - 1] ?? ' ';
  const after = event.quote[at + event.summary.length] ?? ' ';
  expect(/\w/.test(before) && /\w/.test(event.summary[0]!), `${label} starts mid-word`).toBe(false);
  expect(/\w/.test(after) && /\w/.test(event.summary.at(-1)!), `${label} ends mid-word`).toBe(false);
}

describe('summaries are short verbatim clauses of the quote', () => {
  it('drop the leading date phrase and cut at "saying" (story, 2020-11-17)', () => {
    const { events } = extract(storyDocument());
    const summaries = Object.fromEntries(events.map((e) => [`${e.date} ${e.mention}`, e.summary]));
    expect(summaries['2020-11-17 Tuesday, November 17']).toBe('Krebs had tweeted a report citing 59 election security experts');
    // A sentence that only introduces a quotation ("... he tweeted:") shows the quoted words.
    expect(summaries['2020-11-18 Wednesday']).toBe(
      'Chris Krebs has been terminated as Director of the Cybersecurity and Infrastructure Security Agency',
    );
  });

  it('keep a date phrase that is part of the noun phrase ("The 1964 film")', () => {
    const { events } = extract(documentOf('The 1964 film shows the Doors frontman playing the part of a young man.', '2005-03-16'));
    expect(events[0]!.summary).toBe('The 1964 film shows the Doors frontman playing the part of a young man');
  });

  it('cut long clauses at whole words, under the limit', () => {
    const long = `On Monday, ${'the very long and winding committee report '.repeat(6)}was published.`;
    const { events } = extract(documentOf(long, '2005-03-16'));
    expectGoodSummary(events[0]!, 'synthetic');
    expect(events[0]!.summary.length).toBeLessThanOrEqual(110);
  });

  it('hold for every event of the story', () => {
    for (const event of extract(storyDocument()).events) expectGoodSummary(event, 'story');
  });

  describe.skipIf(!HAS_BBC)(bbcSuite('summaries of 50 BBC articles'), () => {
    it('hold for every event, merged or not', () => {
      let count = 0;
      for (const file of bbcSample(50)) {
        const { raw, events } = extract(bbcDocument(file, '2005-03-16'));
        for (const event of [...raw, ...events]) {
          expectGoodSummary(event, file);
          count += 1;
        }
      }
      expect(count).toBeGreaterThan(100);
    });
  });
});
