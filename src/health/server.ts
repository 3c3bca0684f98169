import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { StoryQaError } from '../util/errors';

/** What `/healthz` reports: unhealthy with a reason a person reads ("gateway disconnected"). */
export type HealthStatus = { healthy: true } | { healthy: false; reason: string };

export interface HealthServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Loopback by default: the endpoints are for a local supervisor or scraper, not the internet. */
  host?: string | undefined;
  status: () => HealthStatus | Promise<HealthStatus>;
  /** Served at `/metrics` (BotMetrics.registry). */
  registry: Registry;
}

export interface HealthServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export class HealthServerError extends StoryQaError {
  override readonly name = 'HealthServerError';

  constructor(
    readonly host: string,
    readonly port: number,
    cause: unknown,
  ) {
    super(`The health server cannot listen on ${host}:${port}: ${(cause as Error).message}.`, {
      hint: 'Choose another port, or stop whatever uses this one.',
      cause,
    });
  }
}

/** `GET /healthz` and `GET /metrics` over HTTP; everything else is 404. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `${(error as Error).message}\n`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new HealthServerError(host, options.port, error)));
    server.listen(options.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: HealthServerOptions): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (request.method === 'GET' && pathname === '/healthz') {
    const status = await statusOf(options.status);
    const body = status.healthy ? { status: 'ok' } : { status: 'unavailable', reason: status.reason };
    send(response, status.healthy ? 200 : 503, 'application/json', JSON.stringify(body));
  } else if (request.method === 'GET' && pathname === '/metrics') {
    send(response, 200, options.registry.contentType, await options.registry.metrics());
  } else {
    send(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
}

/** A status callback that throws is itself a reason to be unhealthy. */
async function statusOf(status: HealthServerOptions['status']): Promise<HealthStatus> {
  try {
    return await status();
  } catch (error) {
    return { healthy: false, reason: `status check failed: ${(error as Error).message}` };
  }
}

function send(response: ServerResponse, code: number, contentType: string, body: string): void {
  response.writeHead(code, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}
