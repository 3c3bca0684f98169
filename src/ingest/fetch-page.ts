import { MIMEType } from 'whatwg-mimetype';
import { isPublicAddress } from './address-policy';
import { IngestError } from './errors';
import { checkLiteralHost, guardedAgent } from './guarded-agent';
import { FETCH_TIMEOUT_MS, MAX_PAGE_BYTES, MAX_REDIRECTS, USER_AGENT } from './limits';
import { readLimited } from './read-limited';
import type { FetchOptions } from './types';

/** An HTML page as it came off the wire, after redirects. */
export interface FetchedPage {
  /** The address the page was finally served from. */
  url: string;
  bytes: Buffer;
  /** The charset of the Content-Type header, if it gave one. */
  charset: string | null;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a page with Node's fetch, following redirects one hop at a time (`redirect: 'manual'`)
 * so that each hop's scheme and address is checked, under one deadline for the whole exchange.
 */
export async function fetchPage(address: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const isAllowed = options.allowPrivateHosts ? null : (options.isAllowedAddress ?? isPublicAddress);
  const agent = isAllowed ? guardedAgent(isAllowed) : undefined;
  const signal = AbortSignal.timeout(timeoutMs);

  let url = httpUrl(address);
  try {
    for (let redirects = 0; ; redirects++) {
      if (isAllowed) checkLiteralHost(url, isAllowed);
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': options.userAgent ?? USER_AGENT, accept: 'text/html,application/xhtml+xml' },
        // Node's RequestInit types the dispatcher with its bundled undici-types; the npm undici 6 Agent is the same API.
        ...(agent ? { dispatcher: agent as unknown as NonNullable<RequestInit['dispatcher']> } : {}),
      });
      const location = response.headers.get('location');
      if (REDIRECT_STATUSES.has(response.status) && location !== null) {
        await response.body?.cancel();
        if (redirects >= maxRedirects) throw new IngestError({ kind: 'too-many-redirects', url: address, limit: maxRedirects });
        url = httpUrl(new URL(location, url).href);
        continue;
      }
      return await readPage(response, url.href, maxBytes);
    }
  } catch (error) {
    throw asIngestError(error, url.href, signal, timeoutMs);
  } finally {
    await agent?.destroy();
  }
}

async function readPage(response: Response, url: string, maxBytes: number): Promise<FetchedPage> {
  const refuse = async (error: IngestError): Promise<never> => {
    await response.body?.cancel();
    throw error;
  };
  if (!response.ok) return refuse(new IngestError({ kind: 'http-status', url, status: response.status }));
  const contentType = response.headers.get('content-type');
  const mime = contentType === null ? null : MIMEType.parse(contentType);
  if (!mime || !HTML_TYPES.has(mime.essence))
    return refuse(new IngestError({ kind: 'not-html', url, contentType: mime?.essence ?? contentType }));
  // A declared size over the limit is refused before reading a byte of the body.
  if (Number(response.headers.get('content-length')) > maxBytes)
    return refuse(new IngestError({ kind: 'too-large', url, limitBytes: maxBytes }));
  const bytes = await readLimited(response.body, maxBytes);
  if (!bytes) throw new IngestError({ kind: 'too-large', url, limitBytes: maxBytes });
  return { url, bytes, charset: mime.parameters.get('charset') ?? null };
}

function httpUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new IngestError({ kind: 'bad-url', url: address });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IngestError({ kind: 'bad-url', url: address });
  return url;
}

function asIngestError(error: unknown, url: string, signal: AbortSignal, timeoutMs: number): IngestError {
  if (error instanceof IngestError) return error;
  if (signal.aborted) return new IngestError({ kind: 'timeout', url, timeoutMs }, { cause: error });
  const causes = causeChain(error);
  // The guarded lookup knew only the host name; name the URL of the hop it refused.
  const refused = causes.find((cause): cause is IngestError => cause instanceof IngestError);
  if (refused) return new IngestError({ ...refused.problem, url } as typeof refused.problem, { cause: error });
  const code = causes.map((cause) => (cause as NodeJS.ErrnoException | null)?.code).find((c) => typeof c === 'string') ?? null;
  return new IngestError({ kind: 'unreachable', url, code }, { cause: error });
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let cause = error; cause instanceof Error && chain.length < 10; cause = cause.cause) chain.push(cause);
  return chain;
}
