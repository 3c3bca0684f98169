import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { titleFromFileName } from '../corpus/load';
import { FrontMatterError, parseArticle, splitParagraphs } from '../corpus/parse';
import { finishArticle } from './article';
import { decodeHtml } from './decode-html';
import { IngestError } from './errors';
import { extractFromHtml } from './extract-html';
import { normaliseSpace } from './text';
import type { ExtractedArticle, IngestFileOptions } from './types';

const TEXT_EXTENSIONS = new Set(['.txt', '.md']);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
// UTF-16 pages are full of NUL bytes and are still text; their byte order mark says so.
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/**
 * Reads an article from a file: `.txt` and `.md` as the corpus loader reads them (front matter,
 * date marker or title line), `.html` and `.htm` through the same extractor as web pages.
 */
export async function ingestFile(file: string, options: IngestFileOptions = {}): Promise<ExtractedArticle> {
  const extension = path.extname(file).toLowerCase();
  const isHtml = HTML_EXTENSIONS.has(extension);
  if (!isHtml && !TEXT_EXTENSIONS.has(extension)) throw new IngestError({ kind: 'unsupported-file', file, extension });

  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new IngestError({ kind: 'unreadable', file, code: (error as NodeJS.ErrnoException).code ?? null }, { cause: error });
  }
  if (bytes.length === 0) throw new IngestError({ kind: 'empty-file', file });
  const utf16 = isHtml && UTF16_BOMS.some((bom) => bytes.subarray(0, 2).equals(bom));
  if (!utf16 && bytes.includes(0)) throw new IngestError({ kind: 'binary-file', file });

  const name = titleFromFileName(path.basename(file, path.extname(file)));
  if (isHtml) {
    // An .html file is decoded in the charset it declares; one that declares none must be UTF-8.
    const html = decodeHtml(bytes, null, true);
    if (html === null) throw new IngestError({ kind: 'not-utf8', file });
    if (!html.trim()) throw new IngestError({ kind: 'empty-file', file });
    return extractFromHtml(html, { pageUrl: null, source: file, fallbackTitle: name, minWords: options.minWords });
  }

  if (!isUtf8(bytes)) throw new IngestError({ kind: 'not-utf8', file });
  let parsed;
  try {
    parsed = parseArticle(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof FrontMatterError)
      throw new IngestError({ kind: 'bad-front-matter', file, detail: error.message }, { cause: error });
    throw error;
  }
  if (!parsed.text.trim()) throw new IngestError({ kind: 'empty-file', file });
  const paragraphs = splitParagraphs(parsed.text).map((p) => normaliseSpace(parsed.text.slice(p.start, p.end)));
  // The loader's `source` is the front matter's source or url: an address is the url, anything else the publisher.
  const sourceIsUrl = parsed.source !== null && /^https?:\/\//i.test(parsed.source);
  return finishArticle(
    {
      title: parsed.title ?? name,
      date: parsed.date,
      author: null,
      publisher: sourceIsUrl ? null : parsed.source,
      url: sourceIsUrl ? parsed.source : null,
      paragraphs,
    },
    file,
    options.minWords,
  );
}
