import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/ingest/address-policy';
import { fetchPage } from '../../src/ingest/fetch-page';
import { problemOf } from './support/problems';
import { closedPort, serve, startServer, type TestServer } from './support/server';

const PAGE = '<!DOCTYPE html><html><head><title>Hello</title></head><body><p>Hello.</p></body></html>';
const SIX_MB = 6 * 1024 * 1024;
const LOOPBACK_OK = { allowPrivateHosts: true } as const;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Streams `chunk` until the client stops reading, counting what was written. */
function endless(res: ServerResponse, chunk: Buffer, written: { bytes: number }): void {
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) written.bytes += chunk.length;
    if (!res.destroyed) written.bytes += chunk.length;
  };
  res.on('drain', pump);
  pump();
}

describe('fetching a page', () => {
  it('sends a User-Agent naming the bot, and asks for HTML', async () => {
    const url = server.route('/ua', serve(PAGE));
    await fetchPage(url, LOOPBACK_OK);
    const headers = server.requests.at(-1)!;
    expect(headers['user-agent']).toMatch(/^story-qa\//);
    expect(headers.accept).toContain('text/html');
  });

  it('follows up to 5 redirects, checking each hop, and reports the final address', async () => {
    for (let hop = 1; hop <= 5; hop++) {
      server.route(`/hop${hop}`, (_req, res) =>
        res.writeHead(hop % 2 ? 301 : 307, { location: hop === 5 ? '/final' : `/hop${hop + 1}` }).end(),
      );
    }
    server.route('/final', serve(PAGE));
    const page = await fetchPage(server.url('/hop1'), LOOPBACK_OK);
    expect(page.url).toBe(server.url('/final'));
    expect(page.bytes.toString()).toBe(PAGE);
  });

  it('refuses a redirect loop after 5 redirects', async () => {
    const url = server.route('/loop', (_req, res) => res.writeHead(302, { location: '/loop' }).end());
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toEqual({ kind: 'too-many-redirects', url, limit: 5 });
  });

  it.each([404, 500])('reports HTTP status %i with the status', async (status) => {
    const url = server.route(`/status${status}`, (_req, res) => res.writeHead(status, { 'content-type': 'text/html' }).end('<p>error</p>'));
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toEqual({ kind: 'http-status', url, status });
  });

  it('refuses a PDF, naming its content type', async () => {
    const url = server.route('/doc.pdf', serve(Buffer.from('%PDF-1.7\n'), { 'content-type': 'application/pdf' }));
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toEqual({ kind: 'not-html', url, contentType: 'application/pdf' });
  });

  it('refuses a response that does not say it is HTML', async () => {
    const url = server.route('/untyped', (_req, res) => res.writeHead(200).end(PAGE));
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toMatchObject({ kind: 'not-html', contentType: null });
  });

  it('accepts application/xhtml+xml and takes the charset from Content-Type', async () => {
    const url = server.route('/xhtml', serve(PAGE, { 'content-type': 'application/xhtml+xml; charset="ISO-8859-1"' }));
    expect(await fetchPage(url, LOOPBACK_OK)).toMatchObject({ charset: 'ISO-8859-1' });
  });

  it('refuses a page larger than 5 MB from its Content-Length, without reading the body', async () => {
    // The body never comes: reading it would end in a timeout, not in too-large.
    const url = server.route('/huge-declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': SIX_MB });
      res.write('<html>');
    });
    expect(await problemOf(fetchPage(url, { ...LOOPBACK_OK, timeoutMs: 2_000 }))).toEqual({
      kind: 'too-large',
      url,
      limitBytes: 5 * 1024 * 1024,
    });
  });

  it('stops reading a page without Content-Length as soon as it passes 5 MB', async () => {
    const written = { bytes: 0 };
    const url = server.route('/huge-streamed', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      endless(res, Buffer.alloc(64 * 1024, 'a'), written);
    });
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toMatchObject({ kind: 'too-large' });
    // The server could go on forever; it stopped a little past the limit (socket buffers).
    expect(written.bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(written.bytes).toBeLessThan(SIX_MB + 4 * 1024 * 1024);
  });

  it('gives up on a server that never answers when the timeout fires', async () => {
    const url = server.route('/silent', () => {});
    const started = Date.now();
    expect(await problemOf(fetchPage(url, { ...LOOPBACK_OK, timeoutMs: 800 }))).toEqual({ kind: 'timeout', url, timeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('counts the time to read the body against the same timeout', async () => {
    const url = server.route('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>The page starts');
    });
    expect(await problemOf(fetchPage(url, { ...LOOPBACK_OK, timeoutMs: 800 }))).toMatchObject({ kind: 'timeout' });
  });

  it('reports a host that refuses connections as unreachable', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/article`;
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toEqual({ kind: 'unreachable', url, code: 'ECONNREFUSED' });
  });

  it.each(['ftp://example.com/a', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)'])('refuses %s as a bad URL', async (url) => {
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toEqual({ kind: 'bad-url', url });
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    const url = server.route('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    expect(await problemOf(fetchPage(url, LOOPBACK_OK))).toEqual({ kind: 'bad-url', url: 'file:///etc/passwd' });
  });
});

describe('refusing private addresses (allowPrivateHosts: false)', () => {
  it('is the default', async () => {
    const url = server.route('/private', serve(PAGE));
    expect(await problemOf(fetchPage(url))).toEqual({ kind: 'private-address', url, host: '127.0.0.1', address: '127.0.0.1' });
  });

  it('refuses a loopback IP address before connecting', async () => {
    const url = server.route('/private-ip', serve(PAGE));
    const before = server.requests.length;
    expect(await problemOf(fetchPage(url, { allowPrivateHosts: false }))).toMatchObject({ kind: 'private-address', address: '127.0.0.1' });
    expect(server.requests.length).toBe(before);
  });

  it('refuses IPv4-mapped and IPv6 loopback literals', async () => {
    for (const host of ['[::ffff:127.0.0.1]', '[::1]']) {
      expect(await problemOf(fetchPage(`http://${host}:${server.port}/`, { allowPrivateHosts: false }))).toMatchObject({
        kind: 'private-address',
      });
    }
  });

  it('refuses a host name once DNS resolves it to loopback, before any request reaches it', async () => {
    const url = `http://localhost:${server.port}/private-ip`;
    const before = server.requests.length;
    const problem = await problemOf(fetchPage(url, { allowPrivateHosts: false }));
    expect(problem).toMatchObject({ kind: 'private-address', url, host: 'localhost' });
    expect(isPublicAddress((problem as { address: string }).address)).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it('connects to a host name whose every address the policy allows', async () => {
    const url = `http://localhost:${server.port}/private-ip`;
    const loopbackAllowed = (address: string) => address === '127.0.0.1' || address === '::1';
    expect(await fetchPage(url, { isAllowedAddress: loopbackAllowed })).toMatchObject({ url });
  });

  it('checks every redirect hop: an allowed first hop cannot redirect to a refused address', async () => {
    const target = 'http://127.0.0.2:9/admin';
    const url = server.route('/to-internal', (_req, res) => res.writeHead(302, { location: target }).end());
    const onlyFirstHop = (address: string) => address === '127.0.0.1';
    expect(await problemOf(fetchPage(url, { isAllowedAddress: onlyFirstHop }))).toEqual({
      kind: 'private-address',
      url: target,
      host: '127.0.0.2',
      address: '127.0.0.2',
    });
  });

  it('checks the addresses a redirect hop resolves to when it connects', async () => {
    const target = `http://localhost:${server.port}/private-ip`;
    const url = server.route('/to-localhost', (_req, res) => res.writeHead(302, { location: target }).end());
    // Allows the first address it is asked about (the literal 127.0.0.1), refuses every later one.
    let checks = 0;
    const firstOnly = () => checks++ === 0;
    const before = server.requests.length;
    expect(await problemOf(fetchPage(url, { isAllowedAddress: firstOnly }))).toMatchObject({
      kind: 'private-address',
      url: target,
      host: 'localhost',
    });
    expect(server.requests.length).toBe(before + 1);
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'CGNAT'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'documentation'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'IPv6 link-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['not-an-ip', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '151.101.0.81', '2a04:4e42::81', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
