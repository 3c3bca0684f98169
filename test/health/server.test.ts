import { createServer } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthServerError, startHealthServer, type HealthServer, type HealthStatus } from '../../src/health';

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(status: () => HealthStatus | Promise<HealthStatus>, registry = new Registry()): Promise<HealthServer> {
  server = await startHealthServer({ port: 0, status, registry });
  return server;
}

describe('health server', () => {
  it('GET /healthz is 200 {"status":"ok"} while the status callback says healthy', async () => {
    const { url } = await start(() => ({ healthy: true }));
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"status":"ok"}');
  });

  it('GET /healthz is 503 with the reason otherwise, asking the callback at every request', async () => {
    let status: HealthStatus = { healthy: false, reason: 'gateway disconnected' };
    const { url } = await start(async () => status);
    let response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'gateway disconnected' });

    status = { healthy: true };
    response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('a status callback that throws makes the bot unhealthy, saying why', async () => {
    const { url } = await start(() => {
      throw new Error('no index loaded');
    });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'status check failed: no index loaded' });
  });

  it('GET /metrics serves the registry in the Prometheus text format', async () => {
    const registry = new Registry();
    new Counter({ name: 'pings_total', help: 'Pings.', registers: [registry] }).inc(3);
    const { url } = await start(() => ({ healthy: true }), registry);
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toBe('# HELP pings_total Pings.\n# TYPE pings_total counter\npings_total 3\n');
  });

  it('answers 404 to any other path or method', async () => {
    const { url } = await start(() => ({ healthy: true }));
    for (const [path, method] of [
      ['/', 'GET'],
      ['/health', 'GET'],
      ['/healthz', 'POST'],
      ['/metrics/extra', 'GET'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      await response.text();
    }
  });

  it('listens on 127.0.0.1 only, and stops listening once closed', async () => {
    const started = await start(() => ({ healthy: true }));
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
    await started.close();
    server = null;
    await expect(fetch(`${started.url}/healthz`)).rejects.toThrow();
  });

  it('says which port it could not listen on', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const failure = startHealthServer({ port, status: () => ({ healthy: true }), registry: new Registry() });
      await expect(failure).rejects.toBeInstanceOf(HealthServerError);
      await expect(failure).rejects.toMatchObject({ host: '127.0.0.1', port, message: expect.stringContaining(`127.0.0.1:${port}`) });
    } finally {
      taken.close();
    }
  });
});
