import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/corpus/types';
import { analyzeDocument, isBareSignature } from '../../src/text/analysis';
import { documentSentences } from '../../src/text/sentences';
import type { EntityType, SentenceAnalysis } from '../../src/text/types';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { documentFromRaw, documentOf } from '../support/documents';
import { STORY_CORPUS } from '../support/paths';

function analysed(text: string): { doc: Document; analyses: SentenceAnalysis[] } {
  const doc = documentOf(text, null, 'd', 'T');
  return { doc, analyses: analyzeDocument(text, documentSentences(doc)) };
}

function entities(text: string): [EntityType, string][] {
  const { analyses } = analysed(text);
  return analyses.flatMap((a) => a.entities.map((e) => [e.type, text.slice(e.start, e.end)] as [EntityType, string]));
}

const story = (() => {
  const doc = documentFromRaw(readFileSync(path.join(STORY_CORPUS, 'krebs-fired.txt'), 'utf8'), 'krebs-fired');
  const sentences = documentSentences(doc);
  const analyses = analyzeDocument(doc.text, sentences);
  return sentences.map((s, i) => ({ text: s.text, doc, analysis: analyses[i]! }));
})();
const storySentence = (start: string) => story.find((s) => s.text.startsWith(start))!;

describe('sentence analysis: the values a sentence holds', () => {
  it('finds people, organisations and places with compromise', () => {
    const found = entities('On November 12, Bryan Ware, the assistant director at CISA, resigned. Audi and BMW were hit in Germany.');
    expect(found).toEqual(
      expect.arrayContaining([
        ['person', 'Bryan Ware'],
        ['organisation', 'BMW'],
        ['place', 'Germany'],
      ]),
    );
  });

  it('finds dates, including weekday-and-day ones written with commas, and years', () => {
    const found = entities('Trump took to Twitter on Wednesday, November 18, to announce it. It echoed the 2016 election.');
    expect(found).toEqual(
      expect.arrayContaining([
        ['date', 'Wednesday, November 18'],
        ['date', '2016'],
      ]),
    );
  });

  it('types money, percentages, ages and durations exactly, and leaves the rest of the numbers as counts', () => {
    const found = entities(
      'Judy Boynton, 52, will get $1m (£522,000) after reserves fell 20%. The three-day stoppage cost 3,600 vehicles and 259.7m euros.',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        ['age', '52'],
        ['money', '$1m'],
        ['money', '£522,000'],
        ['percentage', '20%'],
        ['duration', 'three-day'],
        ['count', '3,600'],
        ['money', '259.7m euros'],
      ]),
    );
    expect(found).not.toContainEqual(['count', '1']);
  });

  it('finds handles, hashtags and links', () => {
    const found = entities('#Protect2020 — Chris Krebs (@C_C_Krebs) November 18, 2020. See https://example.com/a.');
    expect(found).toEqual(
      expect.arrayContaining([
        ['hashtag', '#Protect2020'],
        ['handle', '@C_C_Krebs'],
        ['link', 'https://example.com/a'],
      ]),
    );
  });

  it('gives every entity offsets inside its own sentence', () => {
    for (const { text, analysis, doc } of story) {
      for (const e of analysis.entities) expect(text).toContain(doc.text.slice(e.start, e.end));
    }
  });
});

describe('sentence analysis: the structure of news copy', () => {
  it('tells a bare signature line from a post’s words that end in one', () => {
    expect(isBareSignature('#Protect2020 — Chris Krebs (@C_C_Krebs) November 18, 2020')).toBe(true);
    expect(isBareSignature('— Chris Krebs (@C_C_Krebs) November 18, 2020')).toBe(true);
    expect(isBareSignature('The recent statement was inaccurate… — Donald J. Trump (@realDonaldTrump) November 18, 2020')).toBe(false);
    expect(isBareSignature('Honored to serve. We did it right.')).toBe(false);
  });

  it('recognises an embedded post’s signature line', () => {
    expect(storySentence('#Protect2020').analysis.roles).toContain('signature');
    expect(storySentence('The President').analysis.roles).not.toContain('signature');
  });

  it('recognises attribution, quotations, lines that introduce a quotation, and causes', () => {
    expect(storySentence('Though Ware').analysis.roles).toContain('attribution');
    expect(storySentence('“Effective immediately').analysis.roles).toContain('quotation');
    expect(storySentence('In response, Krebs also tweeted:').analysis.roles).toContain('introduction');
    expect(storySentence('The President').analysis.roles).toContain('cause');
  });

  it('recognises bylines', () => {
    const { analyses } = analysed('By Jane Smith, BBC News\n\nThe council voted on Tuesday.');
    expect(analyses[0]!.roles).toContain('byline');
    expect(analyses[1]!.roles).not.toContain('byline');
  });

  it('finds appositives, relative clauses and acronyms spelled out, as definitions of the name before them', () => {
    const show = (start: string) => {
      const { analysis, doc } = storySentence(start);
      return analysis.definitions.map((d) => [
        d.form,
        doc.text.slice(d.subject.start, d.subject.end),
        doc.text.slice(d.definition.start, d.definition.end),
      ]);
    };
    expect(show('On November 12, Bryan Ware')).toContainEqual([
      'appositive',
      'Bryan Ware',
      'the assistant director for cybersecurity at CISA',
    ]);
    expect(show('Krebs, who')).toEqual(
      expect.arrayContaining([
        ['relative', 'Krebs', 'who, until his sacking was the Director of Cybersecurity and Infrastructure Security Agency, CISA'],
        ['acronym', 'CISA', 'Cybersecurity and Infrastructure Security Agency'],
      ]),
    );
    const { analyses } = analysed('The Bank of England (BoE) held rates.');
    expect(analyses[0]!.definitions).toEqual([]); // "BoE" is not the initials of "Bank of England": no claim
  });
});
