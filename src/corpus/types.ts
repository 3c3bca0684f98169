/** A paragraph of a document: character offsets into `Document.text`. */
export interface Paragraph {
  /** 1-based position in the document, as cited to users ("¶3"). */
  number: number;
  start: number;
  end: number;
}

/** One article of the corpus, as the loader read it. */
export interface Document {
  /** Stable id: the file's path relative to the corpus folder, without extension. */
  id: string;
  /** Path relative to the corpus folder, with extension. */
  path: string;
  title: string;
  /** Publication date as ISO `YYYY-MM-DD`, or null when the file does not say. */
  date: string | null;
  /** Where the article came from (front matter `source` or `url`), if known. */
  source: string | null;
  /** The article's web address (front matter `url`, or a `source` that is an http(s) address), if known. */
  url: string | null;
  /** The body text: every quote is a substring of this string. */
  text: string;
  paragraphs: Paragraph[];
}

/** A corpus file that could not be used, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Corpus {
  dir: string;
  documents: Document[];
  skipped: SkippedFile[];
  /** Hash over every usable file's path and bytes (and the loader's format version). */
  hash: string;
}
