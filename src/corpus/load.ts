import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StoryQaError } from '../util/errors';
import { sha256 } from '../util/hash';
import { FrontMatterError, parseArticle, splitParagraphs } from './parse';
import type { Corpus, Document, SkippedFile } from './types';

/** Bumped when parsing changes what a file yields, so indexes built by older loaders count as stale. */
export const LOADER_VERSION = 1;

const ARTICLE_EXTENSIONS = new Set(['.txt', '.md']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type CorpusProblem = 'missing' | 'not-a-folder' | 'unreadable' | 'no-articles';

/** A corpus folder that yields no article: missing, not a folder, unreadable, or with no usable file. */
export class CorpusError extends StoryQaError {
  override readonly name = 'CorpusError';
  constructor(
    readonly problem: CorpusProblem,
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

export interface LoadCorpusOptions {
  /** Called once per skipped file, so the caller can warn as it goes. */
  onSkip?: (skipped: SkippedFile) => void;
}

/**
 * Reads every `.txt` and `.md` file below `dir`. Files that cannot be used are skipped and
 * reported; a folder with no usable article at all is an error.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<Corpus> {
  const root = path.resolve(dir);
  const files = await listArticleFiles(root);
  const documents: Document[] = [];
  const skipped: SkippedFile[] = [];
  const fileHashes: string[] = [];

  for (const relativePath of files) {
    const outcome = await readArticle(root, relativePath);
    fileHashes.push(`${relativePath}\0${outcome.bytesHash}`);
    if ('reason' in outcome) {
      const skip = { path: relativePath, reason: outcome.reason };
      skipped.push(skip);
      options.onSkip?.(skip);
    } else {
      documents.push(outcome.document);
    }
  }

  if (documents.length === 0) {
    const detail = skipped.length
      ? ` (${skipped.length} file(s) skipped: ${skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ')})`
      : ' (it holds no .txt or .md files)';
    throw new CorpusError('no-articles', root, `No usable article in corpus folder ${root}${detail}.`);
  }
  const hash = sha256(`loader:${LOADER_VERSION}\n${fileHashes.join('\n')}`);
  return { dir: root, documents, skipped, hash };
}

async function listArticleFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CorpusError('missing', root, `Corpus folder ${root} does not exist.`);
    if (code === 'ENOTDIR') throw new CorpusError('not-a-folder', root, `Corpus path ${root} is not a folder.`);
    throw new CorpusError('unreadable', root, `Cannot read corpus folder ${root}: ${(error as Error).message}`);
  }
  return entries
    .filter((entry) => entry.isFile() && ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    // Hidden files and folders (.git, editor swap files) are not articles.
    .filter((relative) => !relative.split('/').some((part) => part.startsWith('.')))
    .sort();
}

type ReadOutcome = { document: Document; bytesHash: string } | { reason: string; bytesHash: string };

async function readArticle(root: string, relativePath: string): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, relativePath));
  } catch (error) {
    return { reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, bytesHash: 'unreadable' };
  }
  const bytesHash = sha256(bytes);
  if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes)', bytesHash };
  let raw: string;
  try {
    raw = strictUtf8.decode(bytes);
  } catch {
    return { reason: 'not valid UTF-8 text', bytesHash };
  }
  let parsed;
  try {
    parsed = parseArticle(raw);
  } catch (error) {
    if (error instanceof FrontMatterError) return { reason: error.message, bytesHash };
    throw error;
  }
  if (!parsed.text.trim()) return { reason: 'empty (no article text)', bytesHash };

  const id = relativePath.replace(/\.[^./]+$/, '');
  return {
    bytesHash,
    document: {
      id,
      path: relativePath,
      title: parsed.title ?? titleFromFileName(id),
      date: parsed.date,
      source: parsed.source,
      url: parsed.url,
      text: parsed.text,
      paragraphs: splitParagraphs(parsed.text),
    },
  };
}

/** "business/port-strike_ends" → "Port strike ends": the title of a document that gives none. */
export function titleFromFileName(id: string): string {
  const base = id.split('/').pop() ?? id;
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
