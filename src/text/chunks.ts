import type { Chunk, ChunkingOptions, Sentence } from './types';

export const DEFAULT_CHUNKING: ChunkingOptions = { sentencesPerChunk: 3, overlap: 1, maxChars: 900 };

/**
 * Groups one document's sentences into overlapping windows. A window stops at a paragraph
 * break once it has two sentences, so chunks follow the writer's structure, while a one-line
 * paragraph ("Krebs also tweeted:") still travels with what it introduces.
 */
export function chunkDocument(docText: string, sentences: Sentence[], options: ChunkingOptions, firstId = 0): Chunk[] {
  const chunks: Chunk[] = [];
  const { sentencesPerChunk, overlap, maxChars } = options;
  let i = 0;
  while (i < sentences.length) {
    const members = [sentences[i]!];
    let j = i + 1;
    while (j < sentences.length && members.length < sentencesPerChunk) {
      const next = sentences[j]!;
      const previous = sentences[j - 1]!;
      if (next.paragraph !== previous.paragraph && members.length >= 2) break;
      if (next.end - members[0]!.start > maxChars) break;
      members.push(next);
      j++;
    }
    const start = members[0]!.start;
    const end = members[members.length - 1]!.end;
    chunks.push({
      id: firstId + chunks.length,
      docId: members[0]!.docId,
      sentenceIds: members.map((s) => s.id),
      start,
      end,
      text: docText.slice(start, end),
    });
    if (j >= sentences.length) break;
    i = Math.max(i + 1, j - overlap);
  }
  return chunks;
}
