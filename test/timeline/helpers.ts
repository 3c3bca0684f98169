import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BBC_ROOT, HAS_BBC, STORY_CORPUS } from '../support/paths';
import type { Document } from '../../src/corpus/types';
import { documentSentences } from '../../src/text/sentences';
import type { Sentence } from '../../src/text/types';
import { extractEvents } from '../../src/timeline/extract';
import { mergeEvents } from '../../src/timeline/merge';
import type { TimelineEvent } from '../../src/timeline/types';

export { HAS_BBC };
import { documentFromRaw } from '../support/documents';
export { documentFromRaw, documentOf } from '../support/documents';
export const STORY_PATH = path.join(STORY_CORPUS, 'krebs-fired.txt');
const BBC_DIR = BBC_ROOT;
/** Suite name that says why a BBC suite is skipped when the folder is absent. */
export function bbcSuite(name: string): string {
  return HAS_BBC ? name : `${name} (SKIPPED: BBC articles not found at ${BBC_DIR})`;
}

export function storyDocument(): Document {
  return documentFromRaw(readFileSync(STORY_PATH, 'utf8'), 'krebs-fired');
}

/**
 * A BBC article as a dated test copy: a front-matter header with the given date is put in front
 * of the file (which keeps its "title line + blank line" header).
 */
export function bbcDocument(relativePath: string, date: string | null): Document {
  const raw = readFileSync(path.join(BBC_DIR, relativePath), 'utf8');
  const front = date ? `---\ndate: ${date}\n---\n` : '';
  return documentFromRaw(front + raw, `bbc/${relativePath.replace(/\.txt$/, '')}`);
}

/** The first `count` BBC articles of each category, round robin, in a stable order. */
export function bbcSample(count: number): string[] {
  const categories = readdirSync(BBC_DIR).sort();
  const files = categories.map((c) =>
    readdirSync(path.join(BBC_DIR, c))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => `${c}/${f}`),
  );
  const sample: string[] = [];
  for (let i = 0; sample.length < count; i += 1) {
    let added = false;
    for (const list of files) {
      const file = list[i * 7]; // spread over each category's alphabet
      if (file && sample.length < count) {
        sample.push(file);
        added = true;
      }
    }
    if (!added) break;
  }
  return sample;
}

export interface Extracted {
  doc: Document;
  sentences: Sentence[];
  raw: TimelineEvent[];
  events: TimelineEvent[];
}

export function extract(doc: Document): Extracted {
  const sentences = documentSentences(doc);
  const raw = extractEvents(doc, sentences);
  return { doc, sentences, raw, events: mergeEvents(raw) };
}

/** The events of `doc` as "date mention" pairs, for compact expectations. */
export function datesOf(events: TimelineEvent[]): Array<[string, string]> {
  return events.map((e) => [e.date, e.mention]);
}

export function eventWith(events: TimelineEvent[], mention: string | RegExp): TimelineEvent | undefined {
  return events.find((e) => (typeof mention === 'string' ? e.mention === mention : mention.test(e.mention)));
}
