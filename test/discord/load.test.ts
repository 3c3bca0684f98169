/**
 * Load: 50 simultaneous /ask all acknowledged within Discord's 3 s and all answered; and the
 * latency of 200 interactions (interaction → deferred, interaction → answered), written to
 * .test-artifacts/discord-latency.json for the closing note.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../support/paths';
import type { InteractionHandle } from './emulator';
import { mentionLeaks, percentile, useBot } from './support';

const QUESTIONS = [
  'Why was Krebs fired?',
  'Who fired Chris Krebs?',
  'When did Trump announce the sacking of Krebs?',
  'What did Krebs tweet in response?',
  'Who is Bryan Ware?',
  'What did the 59 election security experts say?',
  'Was the election clean and fair?',
  'What was CISA charged with?',
  'What did Trump call the statement by Krebs?',
  'Why did the White House ask for Ware’s resignation?',
];

const latency = { deferredMs: [] as number[], answeredMs: [] as number[] };

describe('load', () => {
  const suite = useBot({
    env: { ASK_COOLDOWN_SECONDS: '0', MAX_CONCURRENT_ANSWERS: '50', LOG_LEVEL: 'warn' },
    // 50 answers = 100 requests at once: above the REST client's own 50/s, as a busy bot would raise it.
    rest: { globalRequestsPerSecond: 500 },
  });

  const answered = (handle: InteractionHandle, timeoutMs = 30_000) =>
    suite.emu.waitForEdit(handle, (e) => String(e.body.content ?? '').includes('[1]'), { timeoutMs });

  it('50 concurrent /ask: every one deferred within 3 s, every one answered', async () => {
    const { emu } = suite;
    const since = Date.now();
    const users = Array.from({ length: 10 }, (_, i) => emu.createUser({ username: `load-${i}` }));
    const handles = Array.from({ length: 50 }, (_, i) =>
      emu.sendSlashCommand({ name: 'ask', options: { question: QUESTIONS[i % QUESTIONS.length]! }, user: users[i % users.length]! }),
    );
    const callbacks = await Promise.all(handles.map((h) => emu.waitForCallback(h)));
    for (const callback of callbacks) {
      expect(callback).toMatchObject({ type: 5, status: 204 });
      expect(callback.latencyMs).toBeLessThan(3000);
    }
    const edits = await Promise.all(handles.map((h) => answered(h)));
    const answerMs = edits.map((e, i) => e.receivedAt - handles[i]!.sentAt);
    const deferMs = callbacks.map((c) => c.latencyMs);
    console.log(
      `50 concurrent /ask: deferred p50 ${percentile(deferMs, 50)} ms, max ${Math.max(...deferMs)} ms; ` +
        `answered p50 ${percentile(answerMs, 50)} ms, max ${Math.max(...answerMs)} ms`,
    );
    expect(edits.every((e) => String(e.body.content).length <= 2000)).toBe(true);
    expect(mentionLeaks(emu, since)).toEqual([]);
    await emu.waitFor(() => suite.bot.bot.inFlight === 0, 'every handler to finish');
  });

  it('latency over 200 interactions, one at a time (p50/p99 deferred and answered)', async () => {
    const { emu } = suite;
    for (let i = 0; i < 200; i++) {
      const handle = emu.sendSlashCommand({ name: 'ask', options: { question: QUESTIONS[i % QUESTIONS.length]! } });
      const callback = await emu.waitForCallback(handle);
      expect(callback.type).toBe(5);
      const edit = await answered(handle);
      latency.deferredMs.push(callback.latencyMs);
      latency.answeredMs.push(edit.receivedAt - handle.sentAt);
    }
    const summary = {
      interactions: latency.deferredMs.length,
      measuredAt: new Date().toISOString(),
      what: 'emulator dispatches INTERACTION_CREATE → callback (deferred) / first edit with the answer received by the emulator; /ask on the story index, bundled encoder, one at a time',
      deferredMs: {
        p50: percentile(latency.deferredMs, 50),
        p99: percentile(latency.deferredMs, 99),
        max: Math.max(...latency.deferredMs),
      },
      answeredMs: {
        p50: percentile(latency.answeredMs, 50),
        p99: percentile(latency.answeredMs, 99),
        max: Math.max(...latency.answeredMs),
      },
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'discord-latency.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(
      `latency over ${summary.interactions} interactions: deferred p50 ${summary.deferredMs.p50} ms / p99 ${summary.deferredMs.p99} ms; ` +
        `answered p50 ${summary.answeredMs.p50} ms / p99 ${summary.answeredMs.p99} ms`,
    );
    expect(summary.deferredMs.p99).toBeLessThan(3000);
  });
});
