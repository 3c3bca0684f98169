import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 (port 0) serving the routes a test adds. */
export interface TestServer {
  readonly port: number;
  url(path: string): string;
  route(path: string, handler: Handler): string;
  /** Request headers of every request, in order. */
  readonly requests: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  return {
    port,
    url,
    requests,
    route(path, handler) {
      routes.set(path, handler);
      return url(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler answering an HTML page (or any body) with the given headers. */
export function serve(body: string | Buffer, headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html; charset=utf-8' }): Handler {
  return (_req, res) => {
    res.writeHead(200, headers).end(body);
  };
}

/** A port nothing listens on: opened by the system, then closed. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
