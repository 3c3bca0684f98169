import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent } from 'undici';
import { IngestError } from './errors';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici Agent (the dispatcher Node's fetch accepts; undici 6, as bundled with Node 20) whose
 * DNS lookup refuses disallowed addresses. The check runs when a socket is opened, on the very
 * addresses it connects to, so every redirect hop is checked and a DNS answer that changes
 * between a check and the connection (rebinding) cannot slip through. Hosts given as IP literals
 * skip DNS; `checkLiteralHost` covers them.
 */
export function guardedAgent(isAllowed: (address: string) => boolean): Agent {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      // One disallowed answer refuses the host: mixing public and private answers is a rebinding trick.
      const refused = addresses.find((entry) => !isAllowed(entry.address));
      // fetch wraps this error as its cause; fetchPage unwraps it and names the URL of the hop.
      if (refused) return callback(refusal(hostname, hostname, refused.address) as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return callback(null, first!.address, first!.family);
    });
  };
  return new Agent({ connect: { lookup } });
}

/** The same policy for a URL whose host is an IP address, which no lookup sees. */
export function checkLiteralHost(url: URL, isAllowed: (address: string) => boolean): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) && !isAllowed(host)) throw refusal(url.href, host, host);
}

function refusal(url: string, host: string, address: string): IngestError {
  return new IngestError({ kind: 'private-address', url, host, address });
}
