import { afterEach, describe, expect, it } from 'vitest';
import { BotMetrics, startHealthServer, type HealthServer } from '../../src/health';

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The exposition text, as Prometheus would scrape it. */
async function scrape(metrics: BotMetrics): Promise<string> {
  server ??= await startHealthServer({ port: 0, status: () => ({ healthy: true }), registry: metrics.registry });
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('bot metrics', () => {
  it('start with every outcome at 0, next to the default process metrics', async () => {
    const text = await scrape(new BotMetrics());
    for (const outcome of ['answered', 'abstained', 'invalid', 'refused', 'failed']) {
      expect(text).toContain(`storyqa_questions_total{outcome="${outcome}"} 0\n`);
    }
    for (const vote of ['up', 'down', 'withdrawn']) expect(text).toContain(`storyqa_feedback_votes_total{vote="${vote}"} 0\n`);
    expect(text).toContain('storyqa_rebuilds_total{outcome="ok"} 0\n');
    expect(text).toContain('storyqa_queue_length 0\n');
    expect(text).toContain('# TYPE storyqa_answer_latency_seconds histogram');
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('count questions, votes and rebuilds by label, and keep the latest queue length', async () => {
    const metrics = new BotMetrics();
    metrics.recordQuestion('answered');
    metrics.recordQuestion('answered');
    metrics.recordQuestion('refused');
    metrics.recordFeedbackVote('up');
    metrics.recordFeedbackVote('withdrawn');
    metrics.recordRebuild('failed');
    metrics.setQueueLength(12);
    metrics.setQueueLength(3);

    const text = await scrape(metrics);
    expect(text).toContain('storyqa_questions_total{outcome="answered"} 2\n');
    expect(text).toContain('storyqa_questions_total{outcome="refused"} 1\n');
    expect(text).toContain('storyqa_questions_total{outcome="failed"} 0\n');
    expect(text).toContain('storyqa_feedback_votes_total{vote="up"} 1\n');
    expect(text).toContain('storyqa_feedback_votes_total{vote="withdrawn"} 1\n');
    expect(text).toContain('storyqa_rebuilds_total{outcome="failed"} 1\n');
    expect(text).toContain('storyqa_queue_length 3\n');
  });

  it('put answer latencies in buckets from 10 ms to 10 s', async () => {
    const metrics = new BotMetrics();
    for (const seconds of [0.008, 0.017, 0.3, 4, 42]) metrics.recordAnswerLatency(seconds);

    const text = await scrape(metrics);
    const bucket = (le: string) => Number(new RegExp(`storyqa_answer_latency_seconds_bucket\\{le="${le}"\\} (\\d+)`).exec(text)?.[1]);
    expect([bucket('0.01'), bucket('0.025'), bucket('0.5'), bucket('5'), bucket('10'), bucket('\\+Inf')]).toEqual([1, 2, 3, 4, 4, 5]);
    expect(text).toContain('storyqa_answer_latency_seconds_count 5\n');
    expect(text).toMatch(/storyqa_answer_latency_seconds_sum 46\.32\d*\n/);
  });

  it('live in a registry of their own, so that two bots in one process do not collide', async () => {
    const a = new BotMetrics();
    const b = new BotMetrics();
    a.recordQuestion('failed');
    expect(await b.registry.getSingleMetricAsString('storyqa_questions_total')).toContain('outcome="failed"} 0');
    expect(await scrape(a)).toContain('storyqa_questions_total{outcome="failed"} 1\n');
  });
});
