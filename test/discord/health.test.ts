/**
 * `/healthz` and `/metrics` of the running bot (HEALTH_PORT set), against the emulator: what a
 * supervisor and a Prometheus scraper see, through a gateway outage.
 */
import { describe, expect, it } from 'vitest';
import { useBot } from './support';

async function healthz(url: string): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

/** Polls `/healthz` until it answers `status` (the gateway's state changes asynchronously). */
async function healthzBecomes(url: string, status: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await healthz(url);
    if (seen.status === status || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the health endpoints (HEALTH_PORT=0: any free port)', () => {
  const suite = useBot({ env: { HEALTH_PORT: '0' } });

  it('listen on loopback only, and say so in the log', () => {
    const { bot, logs } = suite;
    expect(bot.health?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs.lines.some((l) => String(l.msg).includes(`${bot.health!.url}/healthz`))).toBe(true);
  });

  it('/healthz is 200 while the gateway is connected', async () => {
    expect(await healthz(suite.bot.health!.url)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/metrics counts an answered question and its latency', async () => {
    const { emu, bot } = suite;
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
    await emu.waitForEdit(handle, (e) => String(e.body.content ?? '').includes('[1]'));
    const text = await (await fetch(`${bot.health!.url}/metrics`)).text();
    expect(text).toContain('storyqa_questions_total{outcome="answered"} 1\n');
    expect(text).toContain('storyqa_answer_latency_seconds_count 1\n');
    expect(text).toContain('storyqa_queue_length 0\n');
  });

  it('/healthz flips to 503 with the reason when the gateway drops, and back to 200 when it returns', async () => {
    const { emu, bot } = suite;
    await emu.gatewayOutage();
    const down = await healthzBecomes(bot.health!.url, 503);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.reason).toMatch(/gateway disconnected/i);

    emu.restoreGateway();
    expect((await healthzBecomes(bot.health!.url, 200)).status).toBe(200);
    // And it answers again.
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who fired Krebs?' } });
    await emu.waitForEdit(handle, (e) => String(e.body.content ?? '').includes('[1]'));
  });
});
