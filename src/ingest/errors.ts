import { StoryQaError } from '../util/errors';

/** What went wrong while ingesting, with the facts a surface needs to word it its own way. */
export type IngestProblem =
  | { kind: 'bad-url'; url: string }
  | { kind: 'unreachable'; url: string; code: string | null }
  | { kind: 'http-status'; url: string; status: number }
  | { kind: 'timeout'; url: string; timeoutMs: number }
  | { kind: 'too-large'; url: string; limitBytes: number }
  | { kind: 'not-html'; url: string; contentType: string | null }
  | { kind: 'too-many-redirects'; url: string; limit: number }
  | { kind: 'private-address'; url: string; host: string; address: string }
  | { kind: 'no-article'; source: string }
  | { kind: 'too-short'; source: string; words: number; minWords: number }
  | { kind: 'duplicate'; file: string; matchedBy: 'url' | 'text' }
  | { kind: 'empty-file' | 'binary-file' | 'not-utf8'; file: string }
  | { kind: 'unsupported-file'; file: string; extension: string }
  | { kind: 'bad-front-matter'; file: string; detail: string }
  | { kind: 'unreadable' | 'unwritable'; file: string; code: string | null };

export type IngestProblemKind = IngestProblem['kind'];

export class IngestError extends StoryQaError {
  override readonly name = 'IngestError';
  readonly problem: IngestProblem;

  constructor(problem: IngestProblem, options: { cause?: unknown } = {}) {
    const { message, hint } = describe(problem);
    super(message, { hint, userFacing: true, cause: options.cause });
    this.problem = problem;
  }
}

const MEGABYTE = 1024 * 1024;
const SAVE_AS_TEXT = 'Save the article text in a .txt file and add that instead.';

function describe(problem: IngestProblem): { message: string; hint: string | null } {
  switch (problem.kind) {
    case 'bad-url':
      return { message: `${problem.url} is not a web address that can be fetched.`, hint: 'Give a full http:// or https:// address.' };
    case 'unreachable':
      return {
        message: `Could not connect to ${hostOf(problem.url)}${problem.code ? ` (${problem.code})` : ''}.`,
        hint: 'Check the address, or try again later.',
      };
    case 'http-status':
      return {
        message: `${problem.url} answered with HTTP status ${problem.status}.`,
        hint: problem.status >= 500 ? 'The site is failing; try again later.' : 'Check the address.',
      };
    case 'timeout':
      return { message: `${problem.url} did not send its page within ${problem.timeoutMs / 1000} s.`, hint: 'Try again later.' };
    case 'too-large':
      return { message: `The page at ${problem.url} is larger than ${problem.limitBytes / MEGABYTE} MB.`, hint: SAVE_AS_TEXT };
    case 'not-html':
      return {
        message: `${problem.url} is not a web page (content type ${problem.contentType ?? 'not given'}).`,
        hint: `Give the address of the article's page. ${SAVE_AS_TEXT}`,
      };
    case 'too-many-redirects':
      return { message: `${problem.url} redirected more than ${problem.limit} times.`, hint: "Give the article's final address." };
    case 'private-address':
      return {
        message: `Refusing to fetch ${problem.url}: ${problem.host} is a private or local address (${problem.address}).`,
        hint: 'Only public web pages can be added.',
      };
    case 'no-article':
      return { message: `No article found in ${problem.source}.`, hint: 'Give the page of one article, not an index or a video page.' };
    case 'too-short':
      return {
        message: `The article in ${problem.source} has ${problem.words} words, fewer than the ${problem.minWords} needed (a paywall or a teaser?).`,
        hint: SAVE_AS_TEXT,
      };
    case 'duplicate':
      return {
        message: `This article is already in the corpus as ${problem.file} (same ${problem.matchedBy === 'url' ? 'address' : 'text'}).`,
        hint: null,
      };
    case 'empty-file':
      return { message: `${problem.file} is empty.`, hint: null };
    case 'binary-file':
      return { message: `${problem.file} is not a text file (it contains NUL bytes).`, hint: null };
    case 'not-utf8':
      return { message: `${problem.file} is not valid UTF-8 text.`, hint: 'Save it as UTF-8 and add it again.' };
    case 'unsupported-file':
      return {
        message: `Cannot add ${problem.file}: ${problem.extension ? `${problem.extension} files are` : 'a file without an extension is'} not supported.`,
        hint: 'Use a .txt, .md, .html or .htm file.',
      };
    case 'bad-front-matter':
      return { message: `${problem.file} has ${problem.detail}.`, hint: 'Fix the YAML between the --- lines.' };
    case 'unreadable':
      return { message: `Cannot read ${problem.file}${problem.code ? ` (${problem.code})` : ''}.`, hint: null };
    case 'unwritable':
      return {
        message: `Cannot write ${problem.file}${problem.code ? ` (${problem.code})` : ''}.`,
        hint: 'Check that the folder exists and is writable.',
      };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
