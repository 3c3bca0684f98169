import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle, splitParagraphs } from '../../src/corpus/parse';
import { currentBuildDir } from '../../src/index/files';
import { bbcArticle, type SourceArticle } from '../ingest/support/articles';
import { startServer, serve, type TestServer } from '../ingest/support/server';
import { courier } from '../ingest/support/templates';
import { npmRun } from '../support/cli';
import { BBC_MISSING, HAS_BBC, STORY_CORPUS, tempDir } from '../support/paths';

const corpusFiles = (dir: string) => readdirSync(dir).sort();

describe.skipIf(!HAS_BBC)('npm run add: an article from a web page, into the corpus and its index', () => {
  let server: TestServer;
  let corpusDir: string;
  let indexDir: string;
  let article: SourceArticle;
  let pageUrl: string;
  const env = () => ({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });

  beforeAll(async () => {
    server = await startServer();
    article = bbcArticle('business/1m-payoff-for-former-shell-boss.txt');
    pageUrl = server.url('/business/shell-payoff');
    server.route(
      '/business/shell-payoff',
      serve(
        courier.render({
          title: article.title,
          paragraphs: article.paragraphs,
          published: '2005-01-03T09:30:00Z',
          author: 'Business reporter',
          publisher: 'BBC News',
          canonical: pageUrl,
        }),
      ),
    );
    corpusDir = tempDir('add-corpus-');
    cpSync(STORY_CORPUS, corpusDir, { recursive: true });
    indexDir = tempDir('add-index-');
    expect((await npmRun('index', [], { env: env() })).code).toBe(0);
  });
  afterAll(() => server?.close());

  it('writes the article with its metadata, updates the index, and prints one line', async () => {
    const before = corpusFiles(corpusDir);
    const { code, stdout, stderr } = await npmRun('add', [pageUrl], { env: env() });
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^Added “\\$1m payoff for former Shell boss” \\(2005-01-03\\): ${article.paragraphs.length} paragraphs, \\d+ sentences, in [\\d.]+ s → .+\\.md\\n$`,
      ),
    );
    const added = corpusFiles(corpusDir).filter((f) => !before.includes(f));
    expect(added).toEqual(['1m-payoff-for-former-shell-boss.md']);

    const raw = readFileSync(path.join(corpusDir, added[0]!), 'utf8');
    const parsed = parseArticle(raw);
    expect(parsed).toMatchObject({ title: article.title, date: '2005-01-03', url: pageUrl, source: 'BBC News' });
    expect(raw).toMatch(/^author: Business reporter$/m);
    expect(raw).toMatch(/^added: '?\d{4}-\d{2}-\d{2}T/m);
    const paragraphs = splitParagraphs(parsed.text).map((p) => parsed.text.slice(p.start, p.end));
    expect(paragraphs).toEqual(article.paragraphs);
  });

  it('then answers a question from the new article with a verbatim quote', async () => {
    const { code, stdout } = await npmRun('ask', ['--json', '--index', indexDir, 'how much is shell paying its ex finance chief'], {
      env: env(),
    });
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.answered).toBe(true);
    const [first] = answer.citations;
    expect(first.docId).toBe('1m-payoff-for-former-shell-boss');
    const text = parseArticle(readFileSync(path.join(corpusDir, '1m-payoff-for-former-shell-boss.md'), 'utf8')).text;
    expect(text.slice(first.start, first.end)).toBe(first.quote);
    expect(first.quote).toContain('$1m');
  });

  it.each([
    ['the same address again', () => pageUrl, /already in the corpus|1m-payoff-for-former-shell-boss\.md/],
    ['a page that answers 404', () => server.url('/business/gone'), /HTTP status 404/],
    ['a host nothing listens on', () => 'http://127.0.0.1:9/news', /Could not connect to 127\.0\.0\.1:9/],
  ])('%s: a clear message, exit code 1, the corpus and the index exactly as they were', async (_case, url, message) => {
    const files = corpusFiles(corpusDir);
    const live = currentBuildDir(indexDir);
    const { code, stderr, stdout } = await npmRun('add', [url()], { env: env() });
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(stdout).toBe('');
    expect(corpusFiles(corpusDir)).toEqual(files);
    expect(currentBuildDir(indexDir)).toBe(live);
  });
});
describe.skipIf(HAS_BBC)(BBC_MISSING, () => it.skip('needs the BBC articles', () => {}));
