/** Defaults of the ingest stage, each with the reason for its value. */

/** Long enough for a slow news site, short enough that a Discord interaction can still answer. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Sites chain http → https → www → canonical; more than this is a loop or a tracker. */
export const MAX_REDIRECTS = 5;
/** News pages are 0.1–2 MB of HTML; more is a file download or an attack on memory. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/** Below this, what was found is a teaser, a paywall notice or a caption, not an article. */
export const MIN_ARTICLE_WORDS = 80;

/** Names the bot honestly: sites may block it, but should not be misled about what fetched the page. */
export const USER_AGENT = 'story-qa/0.1 (news article ingest; Node.js)';
