/** A sentence with its exact place in its document. */
export interface Sentence {
  /** Position in the index-wide sentence list. */
  id: number;
  docId: string;
  /** 1-based paragraph number in the document. */
  paragraph: number;
  /** Character offsets into `Document.text`: `text === doc.text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
}

/** A retrieval unit: a few consecutive sentences of one paragraph run. */
export interface Chunk {
  id: number;
  docId: string;
  /** Ids of the sentences it holds, in document order. */
  sentenceIds: number[];
  start: number;
  end: number;
  text: string;
}

export interface ChunkingOptions {
  /** Sentences per chunk. */
  sentencesPerChunk: number;
  /** Sentences shared by consecutive chunks. */
  overlap: number;
  /** A chunk is closed early once it holds this many characters. */
  maxChars: number;
}

/** Kinds of value a sentence can hold and a question can ask for. */
export const ENTITY_TYPES = [
  'person',
  'organisation',
  'place',
  'date',
  'duration',
  'money',
  'count',
  'percentage',
  'age',
  'handle',
  'hashtag',
  'link',
  /** A proper name compromise could not type (a person, a firm, a title…): a weaker hint for "who/which" questions. */
  'name',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A typed value in a document: `text.slice(start, end)` of the document's text. */
export interface Entity {
  type: EntityType;
  start: number;
  end: number;
}

/**
 * A sentence that says what something is: an appositive ("Bryan Ware, the assistant director
 * for cybersecurity at CISA,"), a relative clause ("Krebs, who … was the Director of …") or an
 * acronym spelled out ("Cybersecurity and Infrastructure Security Agency, CISA"). Offsets in the
 * document's text.
 */
export interface Definition {
  form: 'appositive' | 'relative' | 'acronym';
  subject: { start: number; end: number };
  definition: { start: number; end: number };
}

/** What news copy makes of a sentence, beyond its words. */
export const SENTENCE_ROLES = [
  /** "— Chris Krebs (@C_C_Krebs) November 18, 2020": an embedded post's signature line. */
  'signature',
  /** "…, BMW said", "a US official … told Reuters": words attributed to a source. */
  'attribution',
  /** Holds quoted words. */
  'quotation',
  /** Ends with a colon and introduces what follows ("In response, Krebs also tweeted:"). */
  'introduction',
  /** "By Jane Smith, BBC News". */
  'byline',
  /** States a cause or reason: "because", "for saying", "in response to", "after"… */
  'cause',
] as const;
export type SentenceRole = (typeof SENTENCE_ROLES)[number];

export interface SentenceAnalysis {
  entities: Entity[];
  definitions: Definition[];
  roles: SentenceRole[];
}

/** Character offsets `[start, end)` into a document's text (or another string the caller names). */
export interface Span {
  start: number;
  end: number;
}
