import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestUrl } from '../../src/ingest/ingest-url';
import { calendarDate } from '../../src/ingest/dates';
import { krebsStory } from './support/articles';
import { serve, startServer, type TestServer } from './support/server';

const LOOPBACK_OK = { allowPrivateHosts: true } as const;
const story = krebsStory();

let server: TestServer;
let pages = 0;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const meta = (key: string, content: string, attribute = 'property') => `<meta ${attribute}="${key}" content="${content}">`;

/** Serves the story with `head` in its <head> (and `inArticle` at the top of its <article>), and ingests it. */
async function ingest(head: string, inArticle = '', path = `/meta/${pages++}`) {
  const html = `<!DOCTYPE html><html><head>${head}</head><body><article>${inArticle}${story.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
  return ingestUrl(server.route(path, serve(html)), LOOPBACK_OK);
}

describe('article metadata', () => {
  it('prefers JSON-LD to OpenGraph, and OpenGraph to <title>', async () => {
    const article = await ingest(
      `<title>Title tag</title>${meta('og:title', 'OG title')}${meta('og:site_name', 'OG Site')}${meta('article:published_time', '2020-11-19T10:00:00Z')}${meta('article:author', 'OG Author')}` +
        jsonLd({
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline: 'Trump fires CISA director Chris Krebs',
          datePublished: '2020-11-18T08:00:00Z',
          author: { '@type': 'Person', name: 'Jane Smith' },
          publisher: { '@type': 'Organization', name: 'Daily Courier' },
        }),
    );
    expect(article).toMatchObject({
      title: 'Trump fires CISA director Chris Krebs',
      date: '2020-11-18',
      author: 'Jane Smith',
      publisher: 'Daily Courier',
    });
  });

  it('uses OpenGraph when there is no JSON-LD', async () => {
    const article = await ingest(
      `<title>Title tag</title>${meta('og:title', 'OG title')}${meta('og:site_name', 'OG Site')}${meta('article:published_time', '2020-11-19T10:00:00Z')}${meta('article:author', 'OG Author')}`,
    );
    expect(article).toMatchObject({ title: 'OG title', date: '2020-11-19', author: 'OG Author', publisher: 'OG Site' });
  });

  it('fills what JSON-LD leaves out from OpenGraph, field by field', async () => {
    const article = await ingest(`${meta('og:site_name', 'OG Site')}${jsonLd({ '@type': 'Article', headline: 'LD headline' })}`);
    expect(article).toMatchObject({ title: 'LD headline', publisher: 'OG Site', date: null, author: null });
  });

  it('takes the date from <meta name="date">, <meta itemprop="datePublished"> or a <time> in the article', async () => {
    expect((await ingest(meta('date', '2020-11-18', 'name'))).date).toBe('2020-11-18');
    expect((await ingest(meta('datePublished', '2020-11-17T12:00:00+01:00', 'itemprop'))).date).toBe('2020-11-17');
    expect((await ingest('', '<p class="dateline"><time datetime="2020-11-16T09:00">16 November</time></p>')).date).toBe('2020-11-16');
  });

  it('does not date an article by a <time> outside it', async () => {
    const html = `<html><body><div class="sidebar"><time datetime="2024-01-01">1 Jan</time></div><article>${story.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    expect((await ingestUrl(server.route('/sidebar-time', serve(html)), LOOPBACK_OK)).date).toBeNull();
  });

  it('falls back to <title>, without the site name appended to it', async () => {
    expect(
      (await ingest('<title>Trump fires CISA director Chris Krebs | Daily Courier</title>' + meta('og:site_name', 'Daily Courier'))).title,
    ).toBe('Trump fires CISA director Chris Krebs');
    expect((await ingest('<title>Trump fires CISA director Chris Krebs</title>')).title).toBe('Trump fires CISA director Chris Krebs');
  });

  it('names a page with no title at all after its address', async () => {
    expect((await ingest('', '', '/news/krebs-fired')).title).toBe('Krebs fired');
  });

  it('never invents a date, an author or a publisher: a page without them gets null', async () => {
    const article = await ingest('<title>Krebs</title>');
    expect(article).toMatchObject({ date: null, author: null, publisher: null });
  });

  it('finds the article inside a JSON-LD @graph and resolves its @id references', async () => {
    const article = await ingest(
      jsonLd({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', '@id': 'https://x.example/#page', name: 'Page name' },
          { '@type': 'Organization', '@id': 'https://x.example/#org', name: 'Graph Publisher' },
          { '@type': 'Person', '@id': 'https://x.example/#p1', name: 'Graph Author' },
          {
            '@type': ['ReportageNewsArticle'],
            headline: 'Graph headline',
            datePublished: '2020-11-18',
            author: { '@id': 'https://x.example/#p1' },
            publisher: { '@id': 'https://x.example/#org' },
          },
        ],
      }),
    );
    expect(article).toMatchObject({ title: 'Graph headline', date: '2020-11-18', author: 'Graph Author', publisher: 'Graph Publisher' });
  });

  it('finds an article that is the mainEntity of a WebPage, in an array of JSON-LD blocks', async () => {
    const article = await ingest(
      jsonLd([{ '@type': 'BreadcrumbList' }, { '@type': 'WebPage', mainEntity: { '@type': 'NewsArticle', headline: 'Main entity' } }]),
    );
    expect(article.title).toBe('Main entity');
  });

  it('joins several authors, given as objects or strings', async () => {
    const objects = await ingest(
      jsonLd({ '@type': 'NewsArticle', headline: 'H', author: [{ '@type': 'Person', name: 'Jane Smith' }, { name: 'John Doe' }] }),
    );
    expect(objects.author).toBe('Jane Smith, John Doe');
    const strings = await ingest(jsonLd({ '@type': 'NewsArticle', headline: 'H', author: 'Jane Smith' }));
    expect(strings.author).toBe('Jane Smith');
  });

  it('does not take a profile URL for an author name', async () => {
    expect((await ingest(meta('article:author', 'https://www.facebook.com/someone'))).author).toBeNull();
  });

  it('skips broken JSON-LD and reads the rest of the page', async () => {
    const article = await ingest(`<script type="application/ld+json">{ "headline": </script>${meta('og:title', 'OG title')}`);
    expect(article.title).toBe('OG title');
  });

  it('gives the calendar date as written in the timestamp, not shifted to UTC', async () => {
    const article = await ingest(jsonLd({ '@type': 'NewsArticle', headline: 'H', datePublished: '2020-11-18T23:30:00-05:00' }));
    expect(article.date).toBe('2020-11-18');
  });
});

describe('calendarDate', () => {
  it.each([
    ['2020-11-18T23:30:00-05:00', '2020-11-18'],
    ['2020-11-18T01:00:00+09:00', '2020-11-18'],
    ['2020-11-18', '2020-11-18'],
    ['2020-11-18 23:30:00', '2020-11-18'],
    ['Wed, 18 Nov 2020 23:30:00 -0500', '2020-11-18'],
    ['November 18, 2020', '2020-11-18'],
  ])('reads %s as %s', (written, date) => {
    expect(calendarDate(written)).toBe(date);
  });

  it.each(['', 'today', 'November 18', '2020-13-45', 'soon'])('gives null for %j rather than a guess', (written) => {
    expect(calendarDate(written)).toBeNull();
  });
});

describe('canonical URL', () => {
  it('is <link rel="canonical">, resolved against the final URL', async () => {
    const article = await ingest('<link rel="canonical" href="../news/krebs-fired">', '', '/canonical/a');
    expect(article.url).toBe(server.url('/news/krebs-fired'));
  });

  it('else og:url', async () => {
    expect((await ingest(meta('og:url', 'https://news.example/krebs'))).url).toBe('https://news.example/krebs');
  });

  it('else the address the page was finally served from, after redirects', async () => {
    server.route('/short/krebs', (_req, res) => res.writeHead(301, { location: '/long/krebs-fired' }).end());
    await ingest('', '', '/long/krebs-fired');
    const article = await ingestUrl(server.url('/short/krebs'), LOOPBACK_OK);
    expect(article.url).toBe(server.url('/long/krebs-fired'));
  });

  it('ignores a canonical link that is not http(s)', async () => {
    const article = await ingest('<link rel="canonical" href="javascript:void(0)">', '', '/canonical/bad');
    expect(article.url).toBe(server.url('/canonical/bad'));
  });
});
