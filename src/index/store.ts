import type { Document } from '../corpus/types';
import { normalizeTerm, tokenize } from '../text/terms';
import {
  ENTITY_TYPES,
  SENTENCE_ROLES,
  type Chunk,
  type Definition,
  type Entity,
  type SentenceAnalysis,
  type SentenceRole,
} from '../text/types';
import { StoryQaError } from '../util/errors';
import type { IndexedSentence } from './types';

/** The files of one build. */
export const FILES = {
  manifest: 'manifest.json',
  store: 'store.json',
  vectors: 'sentence-vectors.f32',
  hnsw: 'chunks.hnsw',
  chunkLexicon: 'bm25-chunks.json',
  events: 'events.json',
} as const;

/**
 * Documents in full; sentences and chunks as offsets only, since their text is a slice of the
 * document text (which also keeps every quote traceable to the text it was checked against).
 * A sentence's analysis is stored with offsets relative to the sentence.
 */
interface StoreFile {
  documents: Document[];
  /** [document index, paragraph, start, end, role bits] */
  sentences: [number, number, number, number, number][];
  /** Per sentence: entities as [type index, start, end] triples, flattened. */
  entities: number[][];
  /** Per sentence: definitions as [form index, subject start, subject end, definition start, definition end], flattened. */
  definitions: number[][];
  /** [first sentence id, sentence count] */
  chunks: [number, number][];
  /** The HNSW label of each chunk: stable across incremental builds, so the graph can be reused. */
  chunkLabels: number[];
  /** Content term → [sentences holding it, share (in %) of its occurrences capitalised mid-sentence]. */
  terms: Record<string, [number, number]>;
}

const DEFINITION_FORMS = ['appositive', 'relative', 'acronym'] as const;

export function encodeStore(documents: Document[], sentences: IndexedSentence[], chunks: Chunk[], chunkLabels: number[]): string {
  const docIndex = new Map(documents.map((d, i) => [d.id, i]));
  const file: StoreFile = {
    documents,
    sentences: sentences.map((s) => [docIndex.get(s.docId)!, s.paragraph, s.start, s.end, roleBits(s.analysis.roles)]),
    entities: sentences.map((s) => s.analysis.entities.flatMap((e) => [ENTITY_TYPES.indexOf(e.type), e.start - s.start, e.end - s.start])),
    definitions: sentences.map((s) =>
      s.analysis.definitions.flatMap((d) => [
        DEFINITION_FORMS.indexOf(d.form),
        d.subject.start - s.start,
        d.subject.end - s.start,
        d.definition.start - s.start,
        d.definition.end - s.start,
      ]),
    ),
    chunks: chunks.map((c) => [c.sentenceIds[0]!, c.sentenceIds.length]),
    chunkLabels,
    terms: Object.fromEntries([...termStatistics(sentences)].map(([term, stats]) => [term, [stats.sentences, stats.capitalisedPercent]])),
  };
  return JSON.stringify(file);
}

export class StoreFormatError extends StoryQaError {
  override readonly name = 'StoreFormatError';
}

/** What a term is in the corpus: how many sentences hold it, and how often it is written as a name. */
export interface TermStatistics {
  sentences: number;
  /** Share of its occurrences capitalised where a sentence does not begin ("Krebs", "BMW": ~100). */
  capitalisedPercent: number;
}

function termStatistics(sentences: IndexedSentence[]): Map<string, TermStatistics> {
  const counts = new Map<string, { sentences: number; occurrences: number; capitalised: number }>();
  for (const sentence of sentences) {
    const seen = new Set<string>();
    tokenize(sentence.text).forEach((token, position) => {
      const term = normalizeTerm(token);
      if (!term) return;
      let count = counts.get(term);
      if (!count) counts.set(term, (count = { sentences: 0, occurrences: 0, capitalised: 0 }));
      if (!seen.has(term)) {
        seen.add(term);
        count.sentences++;
      }
      // The first word of a sentence is capitalised whatever it is: it says nothing.
      if (position === 0) return;
      count.occurrences++;
      if (/^\p{Lu}/u.test(token)) count.capitalised++;
    });
  }
  return new Map(
    [...counts].map(([term, c]) => [
      term,
      { sentences: c.sentences, capitalisedPercent: c.occurrences ? Math.round((100 * c.capitalised) / c.occurrences) : 0 },
    ]),
  );
}

export interface DecodedStore {
  documents: Document[];
  sentences: IndexedSentence[];
  chunks: Chunk[];
  chunkLabels: number[];
  terms: Map<string, TermStatistics>;
}

export function decodeStore(json: string): DecodedStore {
  const file = JSON.parse(json) as StoreFile;
  if (!Array.isArray(file.documents) || !Array.isArray(file.sentences) || !Array.isArray(file.chunks)) {
    throw new StoreFormatError('store.json lacks documents, sentences or chunks');
  }
  if (!Array.isArray(file.entities) || !Array.isArray(file.definitions) || file.entities.length !== file.sentences.length) {
    throw new StoreFormatError('store.json lacks the sentence analysis');
  }
  const { documents } = file;
  const sentences: IndexedSentence[] = file.sentences.map(([docIndex, paragraph, start, end, bits], id) => {
    const doc = documents[docIndex];
    if (!doc || !(start >= 0 && start < end && end <= doc.text.length)) {
      throw new StoreFormatError(`sentence ${id} points outside its document`);
    }
    return {
      id,
      docId: doc.id,
      paragraph,
      start,
      end,
      text: doc.text.slice(start, end),
      analysis: decodeAnalysis(file, id, start, end, bits),
    };
  });
  const textOf = new Map(documents.map((d) => [d.id, d.text]));
  const chunks: Chunk[] = file.chunks.map(([first, count], id) => {
    const members = sentences.slice(first, first + count);
    if (members.length !== count || count === 0) throw new StoreFormatError(`chunk ${id} points outside the sentences`);
    const start = members[0]!.start;
    const end = members[count - 1]!.end;
    const docId = members[0]!.docId;
    return { id, docId, sentenceIds: members.map((s) => s.id), start, end, text: textOf.get(docId)!.slice(start, end) };
  });
  if (!Array.isArray(file.chunkLabels) || file.chunkLabels.length !== chunks.length)
    throw new StoreFormatError('chunk labels do not match the chunks');
  const terms = new Map(
    Object.entries(file.terms ?? {}).map(([term, [count, capitalisedPercent]]) => [term, { sentences: count, capitalisedPercent }]),
  );
  return { documents, sentences, chunks, chunkLabels: file.chunkLabels, terms };
}

function decodeAnalysis(file: StoreFile, id: number, start: number, end: number, bits: number): SentenceAnalysis {
  const length = end - start;
  const span = (a: number, b: number) => {
    if (!(a >= 0 && a < b && b <= length)) throw new StoreFormatError(`the analysis of sentence ${id} points outside it`);
    return { start: start + a, end: start + b };
  };
  const entities: Entity[] = [];
  const flatEntities = file.entities[id] ?? [];
  for (let i = 0; i + 2 < flatEntities.length; i += 3) {
    const type = ENTITY_TYPES[flatEntities[i]!];
    if (!type) throw new StoreFormatError(`sentence ${id} has an unknown entity type`);
    entities.push({ type, ...span(flatEntities[i + 1]!, flatEntities[i + 2]!) });
  }
  const definitions: Definition[] = [];
  const flatDefinitions = file.definitions[id] ?? [];
  for (let i = 0; i + 4 < flatDefinitions.length; i += 5) {
    const form = DEFINITION_FORMS[flatDefinitions[i]!];
    if (!form) throw new StoreFormatError(`sentence ${id} has an unknown definition form`);
    definitions.push({
      form,
      subject: span(flatDefinitions[i + 1]!, flatDefinitions[i + 2]!),
      definition: span(flatDefinitions[i + 3]!, flatDefinitions[i + 4]!),
    });
  }
  return { entities, definitions, roles: SENTENCE_ROLES.filter((_, bit) => (bits & (1 << bit)) !== 0) };
}

function roleBits(roles: readonly SentenceRole[]): number {
  return roles.reduce((bits, role) => bits | (1 << SENTENCE_ROLES.indexOf(role)), 0);
}
