/** A clean article, ready to be written into the corpus. */
export interface ExtractedArticle {
  title: string;
  /** Publication date as ISO `YYYY-MM-DD`, as written in the page; null when the page does not say. */
  date: string | null;
  author: string | null;
  /** The publication's name ("BBC News"), when the page gives it. */
  publisher: string | null;
  /** Canonical address of the article, when known. */
  url: string | null;
  /** Body text, one entry per paragraph, whitespace normalised. */
  paragraphs: string[];
  words: number;
}

export interface ExtractOptions {
  /** Articles with fewer words are refused (paywalls, teasers, index and video pages). Default 80. */
  minWords?: number | undefined;
}

export interface FetchOptions {
  /**
   * Allow hosts on loopback, private, link-local and other non-public addresses. Default false:
   * a URL from a user must not reach the machine's own network (SSRF).
   */
  allowPrivateHosts?: boolean | undefined;
  /**
   * Decides which resolved addresses may be connected to when private hosts are not allowed.
   * Default: only globally routable unicast addresses. Tests inject a narrower policy.
   */
  isAllowedAddress?: ((address: string) => boolean) | undefined;
  /** Total time for all redirects and the body. Default 10 s. */
  timeoutMs?: number | undefined;
  /** Default 5 MB. */
  maxBytes?: number | undefined;
  /** Default 5. */
  maxRedirects?: number | undefined;
  userAgent?: string | undefined;
}

export type IngestUrlOptions = FetchOptions & ExtractOptions;
export type IngestFileOptions = ExtractOptions;
