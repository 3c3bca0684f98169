/**
 * News-site page templates around real article text, with the furniture real sites have:
 * navigation, cookie banners, share buttons, related stories, comments, footers and inline ads.
 * Each template lists the sentences of furniture it adds, so a test can check none came through.
 */
export interface PageInput {
  title: string;
  paragraphs: string[];
  /** As the site writes it, e.g. 2020-11-18T23:30:00-05:00. */
  published?: string;
  author?: string;
  publisher?: string;
  canonical?: string;
  /** Adds `<meta charset>` with this label (the page is then encoded by the caller). */
  metaCharset?: string;
}

export interface SiteTemplate {
  name: string;
  render(page: PageInput): string;
  /** Every sentence of furniture the template adds. */
  boilerplate: string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A paragraph with inline markup as sites write it: a bold word, a link, an emphasis across words. */
function withInlineMarkup(paragraph: string, index: number): string {
  const words = paragraph.split(' ').map(escapeHtml);
  if (index % 2 === 0 && words.length > 8) {
    words[1] = `<strong>${words[1]}</strong>`;
    words[4] = `<a href="/topic/${index}">${words[4]}`;
    words[5] = `${words[5]}</a>`;
    words[7] = `<em>${words[7]}</em>`;
  }
  return words.join(' ');
}

const NAV_SECTIONS = ['Home', 'News', 'UK', 'World', 'Business', 'Politics', 'Tech', 'Science', 'Health', 'Education', 'Sport', 'Culture'];
const navLinks = (tag: string) => NAV_SECTIONS.map((s) => `<${tag}><a href="/${s.toLowerCase()}">${s}</a></${tag}>`).join('');

const COOKIE = 'We use cookies to improve your experience, to show you personalised ads and to measure how our site is used.';
const COOKIE_MORE = 'By clicking Accept all you agree to the storing of cookies on your device.';
const NEWSLETTER = 'Sign up for our morning briefing and get the top stories of the day in your inbox every weekday.';
const RELATED = [
  'Regulator opens inquiry into accounts after whistleblower complaint',
  'Ministers under pressure to publish the full report before the summer recess',
  'Five things we learned from the chief executive’s evidence to the committee',
];
const COMMENTS = [
  'I have been saying this for years and nobody in charge ever listens to ordinary people.',
  'Great reporting as always, but you left out the most important part of the story.',
  'Does anyone know whether this will affect pensions, or is it just the shareholders again?',
];
const LEGAL = 'All rights reserved. Registered in England and Wales with company number 01234567.';
const CONTINUE = 'Story continues below this advertisement.';
const PODCAST = 'Listen to our daily podcast for the stories behind the headlines, free wherever you get your podcasts.';
const CAPTION = 'Protesters gathered outside the building on Tuesday morning as the news broke.';
const BIO = 'Alex Morgan has covered politics and business for the Ledger since 2009 and writes a weekly column.';

function head(page: PageInput, extra: string): string {
  return `<meta charset="${page.metaCharset ?? 'utf-8'}">
<title>${escapeHtml(page.title)}${page.publisher ? ` | ${escapeHtml(page.publisher)}` : ''}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({ page: 'article' });</script>
${extra}`;
}

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
}

/** A semantic site: <header>/<nav>, <article> with a share bar, <aside> promos, <footer>; JSON-LD and OpenGraph. */
export const courier: SiteTemplate = {
  name: 'courier (semantic <article>)',
  boilerplate: [COOKIE, COOKIE_MORE, NEWSLETTER, ...RELATED, ...COMMENTS, LEGAL, 'Advertisement', 'Related stories', 'Share this story'],
  render(page) {
    const body = page.paragraphs
      .map((p, i) => {
        const ad =
          i % 3 === 2 ? '\n<div class="ad-slot ad-slot--inline" data-slot="mpu"><span class="ad-label">Advertisement</span></div>' : '';
        const promo =
          i === 3 ? `\n<aside class="promo"><h3>Morning briefing</h3><p>${NEWSLETTER}</p><a href="/newsletters">Sign up</a></aside>` : '';
        return `<p>${withInlineMarkup(p, i)}</p>${ad}${promo}`;
      })
      .join('\n');
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: page.title,
      ...(page.published ? { datePublished: page.published } : {}),
      ...(page.author ? { author: { '@type': 'Person', name: page.author } } : {}),
      ...(page.publisher
        ? { publisher: { '@type': 'Organization', name: page.publisher, logo: { '@type': 'ImageObject', url: '/logo.png' } } }
        : {}),
    };
    return `<!DOCTYPE html>
<html lang="en"><head>
${head(
  page,
  `${page.canonical ? `<link rel="canonical" href="${page.canonical}">` : ''}
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeHtml(page.title)}">
${page.publisher ? `<meta property="og:site_name" content="${escapeHtml(page.publisher)}">` : ''}
${jsonLd(ld)}`,
)}
</head><body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="logo"><a href="/">${escapeHtml(page.publisher ?? 'Home')}</a></div>
<nav class="primary-nav" aria-label="Sections"><ul>${navLinks('li')}</ul></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>${COOKIE} ${COOKIE_MORE}</p><button>Accept all</button><button>Manage settings</button></div>
<main id="main">
<article class="story">
<header class="story-header"><h1>${escapeHtml(page.title)}</h1>
<p class="byline">By <a href="/people/x" rel="author">${escapeHtml(page.author ?? 'Staff reporter')}</a></p>
${page.published ? `<time datetime="${page.published}">${page.published.slice(0, 10)}</time>` : ''}</header>
<ul class="share-bar" aria-label="Share this story"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li><li><a href="#">Email</a></li></ul>
<div class="story-body">
${body}
</div>
<section class="related-stories"><h2>Related stories</h2><ul>${RELATED.map((r, i) => `<li><a href="/news/${i}">${r}</a></li>`).join('')}</ul></section>
</article>
<section class="comments" id="comments"><h2>${COMMENTS.length} comments</h2>
${COMMENTS.map((c, i) => `<div class="comment"><p class="comment-author">reader${i}</p><p>${c}</p><button>Reply</button></div>`).join('\n')}
<form class="comment-form"><textarea></textarea><button>Post comment</button></form></section>
</main>
<footer class="site-footer"><ul>${navLinks('li')}</ul><p>© 2024 ${escapeHtml(page.publisher ?? 'Courier')} Media Ltd. ${LEGAL}</p></footer>
</body></html>`;
  },
};

/** Div soup: no semantic elements at all, only classes and ids; Yoast-style JSON-LD @graph. */
export const metroWire: SiteTemplate = {
  name: 'metro wire (div soup)',
  boilerplate: [COOKIE, COOKIE_MORE, CONTINUE, PODCAST, ...RELATED, ...COMMENTS, LEGAL, 'ADVERTISEMENT', 'More from Metro Wire'],
  render(page) {
    const body = page.paragraphs
      .map((p, i) => {
        const ad =
          i % 4 === 1
            ? `\n<div class="advert-container"><div class="advert-label">ADVERTISEMENT</div><div id="div-gpt-ad-${i}"></div><div class="advert-note">${CONTINUE}</div></div>`
            : '';
        const promo = i === 2 ? `\n<div class="inline-promo"><div class="promo-text">${PODCAST}</div></div>` : '';
        return `<div class="txt">${withInlineMarkup(p, i)}</div>${ad}${promo}`;
      })
      .join('\n');
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', '@id': 'https://metro.example/#website', name: page.publisher ?? 'Metro Wire' },
        { '@type': 'Organization', '@id': 'https://metro.example/#org', name: page.publisher ?? 'Metro Wire' },
        ...(page.author ? [{ '@type': 'Person', '@id': 'https://metro.example/#/person/1', name: page.author }] : []),
        {
          '@type': ['Article', 'NewsArticle'],
          '@id': 'https://metro.example/#article',
          headline: page.title,
          ...(page.published ? { datePublished: page.published } : {}),
          ...(page.author ? { author: [{ '@id': 'https://metro.example/#/person/1' }] } : {}),
          publisher: { '@id': 'https://metro.example/#org' },
        },
      ],
    };
    return `<!DOCTYPE html>
<html><head>
${head(page, `${page.canonical ? `<meta property="og:url" content="${page.canonical}">` : ''}\n${jsonLd(graph)}`)}
</head><body class="article-page">
<div id="top"><div class="topbar"><div class="brand"><a href="/">Metro Wire</a></div>
<div class="menu-items">${navLinks('span')}</div></div></div>
<div class="gdpr-notice"><div class="gdpr-text">${COOKIE} ${COOKIE_MORE}</div><div class="gdpr-btn">OK</div></div>
<div class="wrapper">
<div class="col-main">
<div class="headline-box"><h1 class="headline">${escapeHtml(page.title)}</h1><div class="meta-line">${escapeHtml(page.author ?? '')}</div></div>
<div class="social-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<div class="story-content">
${body}
</div>
<div class="more-stories"><div class="more-title">More from Metro Wire</div>${RELATED.map((r, i) => `<div class="item"><a href="/s/${i}">${r}</a></div>`).join('')}</div>
<div id="disqus_thread">${COMMENTS.map((c) => `<div class="post"><div class="post-body">${c}</div></div>`).join('')}</div>
</div>
<div class="col-side"><div class="sidebar-box"><div class="box-title">Trending</div>${RELATED.map((r) => `<div><a href="#">${r}</a></div>`).join('')}</div></div>
</div>
<div id="footer"><div class="legal">© Metro Wire 2024. ${LEGAL}</div></div>
</body></html>`;
  },
};

/** A <main> with itemprop=articleBody, a lead figure with caption, a byline, a blockquote, OpenGraph only. */
export const ledger: SiteTemplate = {
  name: 'ledger (figure, captions, byline)',
  boilerplate: [CAPTION, 'Photo: Getty Images', BIO, NEWSLETTER, ...RELATED, ...COMMENTS, LEGAL, 'Most read', 'Read more:'],
  render(page) {
    const body = page.paragraphs
      .map((p, i) => {
        const block =
          p.startsWith('“') && p.endsWith('”')
            ? `<blockquote><p>${withInlineMarkup(p, i)}</p></blockquote>`
            : `<p>${withInlineMarkup(p, i)}</p>`;
        const promo = i === 1 ? `\n<div class="promo-box">Read more: <a href="/r/1">${RELATED[0]}</a></div>` : '';
        const figure =
          i === 2
            ? `\n<figure class="inline-image"><img src="/img/2.jpg" alt=""><figcaption>${CAPTION} <span class="credit">Photo: Getty Images</span></figcaption></figure>`
            : '';
        return `${block}${promo}${figure}`;
      })
      .join('\n');
    return `<!DOCTYPE html>
<html lang="en-GB"><head>
${head(
  page,
  `<meta property="og:title" content="${escapeHtml(page.title)}">
${page.publisher ? `<meta property="og:site_name" content="${escapeHtml(page.publisher)}">` : ''}
${page.published ? `<meta property="article:published_time" content="${page.published}">` : ''}
${page.author ? `<meta property="article:author" content="${escapeHtml(page.author)}">` : ''}
${page.canonical ? `<link rel="canonical" href="${page.canonical}">` : ''}`,
)}
</head><body>
<div role="banner" class="top"><a href="/">The Ledger</a><div role="navigation"><ul>${navLinks('li')}</ul></div>
<div role="search"><form><input name="q"><button>Search</button></form></div></div>
<main>
<div class="article" itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">${escapeHtml(page.title)}</h1>
<figure class="lead-image"><img src="/img/lead.jpg" alt="Lead picture"><figcaption>${CAPTION} <span class="credit">Photo: Getty Images</span></figcaption></figure>
<p class="byline">By <span itemprop="author">${escapeHtml(page.author ?? 'Ledger staff')}</span></p>
<div class="article-body" itemprop="articleBody">
${body}
</div>
<div class="author-bio"><p>${BIO}</p></div>
<div class="newsletter-signup"><p>${NEWSLETTER}</p><form><input type="email"><button>Subscribe</button></form></div>
</div>
<aside role="complementary"><h2>Most read</h2><ol>${RELATED.map((r, i) => `<li><a href="/m/${i}">${r}</a></li>`).join('')}</ol></aside>
<section class="reader-comments"><h2>Comments</h2><ol class="comment-list">${COMMENTS.map((c) => `<li><p>${c}</p></li>`).join('')}</ol></section>
</main>
<div role="contentinfo" class="bottom"><p>The Ledger. ${LEGAL}</p></div>
</body></html>`;
  },
};

/**
 * A page whose wrappers carry furniture-sounding classes ("layout--with-sidebar", "share-enabled",
 * "comments-open") around the article itself: they must not take the article with them.
 */
export const gazette: SiteTemplate = {
  name: 'gazette (furniture-named wrappers)',
  boilerplate: [COOKIE, COOKIE_MORE, ...RELATED, ...COMMENTS, LEGAL, 'Advertisement', 'You may also like'],
  render(page) {
    const body = page.paragraphs
      .map(
        (p, i) =>
          `<p>${withInlineMarkup(p, i)}</p>${i === 0 ? '\n<p class="advertisement-label">Advertisement</p><div class="dfp-slot"></div>' : ''}`,
      )
      .join('\n');
    return `<!DOCTYPE html>
<html><head>
${head(
  page,
  `${page.published ? `<meta name="date" content="${page.published}">` : ''}
${page.publisher ? `<meta property="og:site_name" content="${escapeHtml(page.publisher)}">` : ''}
${page.author ? `<meta name="author" content="${escapeHtml(page.author)}">` : ''}`,
)}
</head><body class="has-cookie-banner">
<div id="consent-overlay"><p>${COOKIE}</p><p>${COOKIE_MORE}</p></div>
<div class="layout layout--with-sidebar share-enabled">
<div class="navbar">${navLinks('a')}</div>
<article class="story comments-open">
<h1>${escapeHtml(page.title)}</h1>
${body}
</article>
<div class="you-may-like"><h3>You may also like</h3>${RELATED.map((r) => `<p><a href="#">${r}</a></p>`).join('')}</div>
<div class="comment-thread">${COMMENTS.map((c) => `<p>${c}</p>`).join('')}</div>
</div>
<div class="site-footer"><p>${LEGAL}</p></div>
</body></html>`;
  },
};

export const TEMPLATES: SiteTemplate[] = [courier, metroWire, ledger, gazette];
