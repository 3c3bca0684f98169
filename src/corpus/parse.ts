import { StoryQaError } from '../util/errors';
import matter from 'gray-matter';
import type { Paragraph } from './types';

/** What a file says about itself, before it becomes a Document. */
export interface ParsedArticle {
  title: string | null;
  date: string | null;
  source: string | null;
  url: string | null;
  text: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The seed format: the file opens with "date YYYY-MM-DD" and the article follows on the same line.
const DATE_MARKER = /^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*/;
// A first line counts as a title only if it looks like a headline, not like the lead sentence.
const MAX_TITLE_CHARS = 150;

export class FrontMatterError extends StoryQaError {
  override readonly name = 'FrontMatterError';
}

/** Parses front matter, the seed's date marker, or a "title line + blank line" header. */
export function parseArticle(raw: string): ParsedArticle {
  let body = raw.replace(/^\uFEFF/, '');
  let title: string | null = null;
  let date: string | null = null;
  let source: string | null = null;
  let url: string | null = null;

  if (/^---\r?\n/.test(body)) {
    let parsed: matter.GrayMatterFile<string>;
    try {
      // An empty options object bypasses gray-matter's content cache, which would
      // hand back a stale result for identical files with different paths.
      parsed = matter(body, {});
    } catch (error) {
      throw new FrontMatterError(`invalid front matter: ${(error as Error).message.split('\n')[0]}`);
    }
    const data = parsed.data as Record<string, unknown>;
    title = stringField(data.title);
    date = dateField(data.date);
    source = stringField(data.source) ?? stringField(data.url);
    url = webAddress(stringField(data.url)) ?? webAddress(source);
    body = parsed.content;
  }

  const marker = DATE_MARKER.exec(body);
  if (marker) {
    date ??= validIsoDate(marker[1]!);
    body = body.slice(marker[0].length);
  } else if (title === null) {
    const header = /^[ \t]*([^\r\n]+?)[ \t]*\r?\n[ \t]*\r?\n/.exec(body);
    if (header && header[1]!.length <= MAX_TITLE_CHARS && !/[.!?:;,]["”’]?$/.test(header[1]!)) {
      title = header[1]!;
      body = body.slice(header[0].length);
    }
  }
  return { title, date, source, url, text: body };
}

/** `value` when it is an http(s) address, else null ("BBC News" is a source, not an address). */
function webAddress(value: string | null): string | null {
  if (!value || !/^https?:\/\//i.test(value)) return null;
  return URL.canParse(value) ? value : null;
}

/** Blank-line separated paragraphs, trimmed, as offsets into `text`. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const separator = /\r?\n[ \t]*\r?\n/g;
  let cursor = 0;
  const push = (from: number, to: number) => {
    const slice = text.slice(from, to);
    const lead = slice.length - slice.trimStart().length;
    const trail = slice.length - slice.trimEnd().length;
    if (lead === slice.length) return;
    paragraphs.push({ number: paragraphs.length + 1, start: from + lead, end: to - trail });
  };
  for (const match of text.matchAll(separator)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, text.length);
  return paragraphs;
}

function stringField(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

function dateField(value: unknown): string | null {
  // YAML reads an unquoted 2020-11-18 as a Date at UTC midnight.
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return validIsoDate(value.trim().slice(0, 10));
  return null;
}

export function validIsoDate(value: string): string | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}
