import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences';
import { ingestUrl } from '../../src/ingest/ingest-url';
import { ARTIFACTS, BBC_MISSING, HAS_BBC } from '../support/paths';
import { bbcArticle, bbcSample, krebsStory, type SourceArticle } from './support/articles';
import { encodeWindows1252 } from './support/charset';
import { problemOf } from './support/problems';
import { serve, startServer, type TestServer } from './support/server';
import { courier, escapeHtml, ledger, metroWire, TEMPLATES, type SiteTemplate } from './support/templates';

const LOOPBACK_OK = { allowPrivateHosts: true } as const;
// Three articles of each of the five categories: 15 articles, 60 pages with the four templates.
const BBC_PER_CATEGORY = 3;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Serves `article` in `template` and ingests it back over HTTP. */
async function roundTrip(article: SourceArticle, template: SiteTemplate, route: string) {
  const html = template.render({
    title: article.title,
    paragraphs: article.paragraphs,
    published: '2005-02-14T09:30:00+00:00',
    author: 'Jane Smith',
    publisher: 'Daily Courier',
    canonical: `https://news.example/${article.name}`,
  });
  return ingestUrl(server.route(route, serve(html)), LOOPBACK_OK);
}

interface Measure {
  article: string;
  template: string;
  exact: boolean;
  sentencesExpected: number;
  sentencesKept: number;
  boilerplateLetThrough: string[];
}

async function measure(article: SourceArticle, template: SiteTemplate, index: number): Promise<Measure & { paragraphs: string[] }> {
  const { paragraphs } = await roundTrip(article, template, `/exact/${index}`);
  const extracted = paragraphs.join('\n');
  const expectedText = article.paragraphs.join('\n');
  const sentences = article.paragraphs.flatMap((p) => splitSentences(p).map((s) => p.slice(s.start, s.end)));
  return {
    article: article.name,
    template: template.name,
    exact: JSON.stringify(paragraphs) === JSON.stringify(article.paragraphs),
    sentencesExpected: sentences.length,
    sentencesKept: sentences.filter((s) => extracted.includes(s)).length,
    // Furniture that happens to be in the article itself ("Advertisement") does not count.
    boilerplateLetThrough: template.boilerplate.filter((b) => !expectedText.includes(b) && extracted.includes(b)),
    paragraphs,
  };
}

describe.skipIf(!HAS_BBC)('extracting real articles from news-site pages', () => {
  if (!HAS_BBC) it.skip(BBC_MISSING, () => {});

  it('gives exactly the article paragraphs of 15 BBC articles and the story in 4 site templates, and no furniture', async () => {
    const articles = [...bbcSample(BBC_PER_CATEGORY), krebsStory()];
    expect(articles.length).toBeGreaterThanOrEqual(10);
    const results: Measure[] = [];
    for (const article of articles) {
      for (const template of TEMPLATES) {
        const { paragraphs, ...result } = await measure(article, template, results.length);
        results.push(result);
        expect(paragraphs, `${article.name} in ${template.name}`).toEqual(article.paragraphs);
        expect(result.boilerplateLetThrough, `${article.name} in ${template.name}`).toEqual([]);
      }
    }
    const summary = {
      articles: articles.length,
      templates: TEMPLATES.length,
      pages: results.length,
      exactPages: results.filter((r) => r.exact).length,
      sentencesKept: results.reduce((n, r) => n + r.sentencesKept, 0),
      sentencesExpected: results.reduce((n, r) => n + r.sentencesExpected, 0),
      boilerplateSentencesLetThrough: results.reduce((n, r) => n + r.boilerplateLetThrough.length, 0),
      boilerplateSentencesOffered: results.reduce((n, r) => n + TEMPLATES.find((t) => t.name === r.template)!.boilerplate.length, 0),
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'ingest-exactness.json'), `${JSON.stringify({ summary, results }, null, 2)}\n`);
    console.log('ingest exactness:', JSON.stringify(summary));
  });
});

describe('paragraphs', () => {
  it('joins inline elements as written and normalises white space inside a paragraph', async () => {
    const story = krebsStory();
    // "The President of the United States, Donald Trump has fired …"
    const [first, ...rest] = story.paragraphs;
    const tail = first!.split(' ').slice(8).join(' ');
    const marked = `The Presi<b>dent</b> of <a href="/us">the\n\t  United</a>&nbsp;States,<br>Donald <em>Trump</em> ${tail}`;
    const html = `<html><body><article><p>${marked}</p>${rest.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</article></body></html>`;
    const { paragraphs } = await ingestUrl(server.route('/inline', serve(html)), LOOPBACK_OK);
    expect(paragraphs).toEqual(story.paragraphs);
  });

  it('drops the headline when the page repeats it in the body', async () => {
    const story = krebsStory();
    const html = `<html><head><title>${story.title}</title></head><body><div><h2>${story.title}</h2>${story.paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    const article = await ingestUrl(server.route('/repeated-title', serve(html)), LOOPBACK_OK);
    expect(article.paragraphs).toEqual(story.paragraphs);
  });
});

describe('charsets', () => {
  it('decodes a windows-1252 page declared in the Content-Type header (curly quotes, £, é)', async () => {
    const story = krebsStory();
    const html = metroWire.render({
      title: story.title,
      paragraphs: [...story.paragraphs, 'The fee was £1,500 for the café.'],
      publisher: 'La Dépêche',
    });
    const bytes = encodeWindows1252(html.replace('<meta charset="utf-8">', ''));
    const article = await ingestUrl(
      server.route('/cp1252', serve(bytes, { 'content-type': 'text/html; charset=windows-1252' })),
      LOOPBACK_OK,
    );
    expect(article.paragraphs).toEqual([...story.paragraphs, 'The fee was £1,500 for the café.']);
    expect(article.paragraphs.join(' ')).toContain('“highly inaccurate”');
    expect(article.publisher).toBe('La Dépêche');
  });

  it.skipIf(!HAS_BBC)('decodes a page declared only by <meta charset="iso-8859-1">', async () => {
    const article = bbcArticle('business/1m-payoff-for-former-shell-boss.txt');
    const html = ledger.render({ title: article.title, paragraphs: article.paragraphs, author: 'Hélène Dupré', metaCharset: 'iso-8859-1' });
    const bytes = encodeWindows1252(html);
    const extracted = await ingestUrl(server.route('/latin1', serve(bytes, { 'content-type': 'text/html' })), LOOPBACK_OK);
    expect(extracted.paragraphs).toEqual(article.paragraphs);
    expect(extracted.paragraphs[0]).toContain('£522,000');
    expect(extracted.author).toBe('Hélène Dupré');
  });

  it('reads a page as UTF-8 when nothing declares a charset', async () => {
    const story = krebsStory();
    const html = `<html><body><article>${story.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const article = await ingestUrl(server.route('/undeclared', serve(html, { 'content-type': 'text/html' })), LOOPBACK_OK);
    expect(article.paragraphs).toEqual(story.paragraphs);
  });
});

describe('pages that hold no article', () => {
  it('refuses an index page of links', async () => {
    const headlines = Array.from(
      { length: 40 },
      (_, i) => `Council approves new budget for the coming year in a vote on story number ${i}`,
    );
    const html = `<html><head><title>Latest news</title></head><body><h1>Latest news</h1><div class="list">${headlines
      .map((h, i) => `<div class="teaser"><h3><a href="/news/${i}">${h}</a></h3><span>2 hours ago</span></div>`)
      .join('')}</div></body></html>`;
    const url = server.route('/index-page', serve(html));
    expect(await problemOf(ingestUrl(url, LOOPBACK_OK))).toEqual({ kind: 'no-article', source: url });
  });

  it('refuses a paywalled page whose text is under 80 words, saying how many it has', async () => {
    const story = krebsStory();
    const teaser = story.paragraphs[0]!;
    const html = courier
      .render({ title: story.title, paragraphs: [teaser] })
      .replace(
        '<section class="related-stories">',
        '<div class="paywall-prompt"><p>Subscribe to continue reading. Already a subscriber? Log in.</p></div>$&',
      );
    const url = server.route('/paywall', serve(html));
    expect(await problemOf(ingestUrl(url, LOOPBACK_OK))).toEqual({
      kind: 'too-short',
      source: url,
      words: teaser.split(' ').length,
      minWords: 80,
    });
  });

  it('refuses an empty page', async () => {
    const url = server.route('/blank', serve('<html><head><title>Video</title></head><body></body></html>'));
    expect(await problemOf(ingestUrl(url, LOOPBACK_OK))).toMatchObject({ kind: 'no-article' });
  });

  it('goes through every fetching check first', async () => {
    expect(await problemOf(ingestUrl(server.url('/missing'), LOOPBACK_OK))).toMatchObject({ kind: 'http-status', status: 404 });
  });
});
