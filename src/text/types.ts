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
