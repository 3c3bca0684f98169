/** The small pieces of the bot that need no Discord: admission, message fitting, log scrubbing, sources pages. */
import { describe, expect, it } from 'vitest';
import { sourcesPages } from '../../src/discord/commands/sources';
import { QuestionAdmission } from '../../src/discord/admission';
import { errorDetails, fitMessage, newErrorId, relativeTime, scrubTokens } from '../../src/discord/messages';
import { storyEngine } from '../support/engines';

describe('QuestionAdmission', () => {
  it('a user may ask a burst of three, then one per cooldown; others are not held back', () => {
    let now = 1_000_000;
    const admission = new QuestionAdmission({ cooldownSeconds: 10, burst: 3, concurrency: 4, now: () => now });
    for (let i = 0; i < 3; i++) expect(admission.admit('bob').ok).toBe(true);
    expect(admission.admit('bob')).toEqual({ ok: false, refusal: { reason: 'cooldown', retryAt: 1_010_000 } });
    expect(admission.admit('alice').ok).toBe(true);
    now += 10_000;
    expect(admission.admit('bob').ok).toBe(true);
    expect(admission.admit('bob').ok).toBe(false);
  });

  it('a burst beyond the answer slots waits its turn, in order; only a full queue refuses, and that costs no token', async () => {
    const admission = new QuestionAdmission({ cooldownSeconds: 0, concurrency: 1, capacity: 2 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const runs = ['a', 'b', 'c'].map((user) => {
      const admitted = admission.admit(user);
      if (!admitted.ok) throw new Error(`${user} refused`);
      return admitted.run(async () => {
        if (user === 'a') await blocker;
        order.push(user);
      });
    });
    expect(admission.running).toBe(1);
    expect(admission.waiting).toBe(2);
    expect(admission.admit('d')).toEqual({ ok: false, refusal: { reason: 'busy', running: 1, waiting: 2 } });
    expect(admission.shared().ok).toBe(false);
    release();
    await Promise.all(runs);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(admission.admit('d').ok).toBe(true);
  });

  it('tells a waiting question its place in line once it has waited', async () => {
    const admission = new QuestionAdmission({ cooldownSeconds: 0, concurrency: 1, waitNoticeMs: 20 });
    let release: () => void = () => undefined;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const first = admission.admit('a');
    const second = admission.admit('b');
    if (!first.ok || !second.ok) throw new Error('refused');
    const running = first.run(() => blocker);
    const positions: number[] = [];
    const waiting = second.run(
      async () => 'done',
      (position) => positions.push(position),
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(positions).toEqual([1]);
    release();
    await running;
    expect(await waiting).toBe('done');
  });
});

describe('messages', () => {
  it('fitMessage keeps short text and cuts long text at a line, within 2,000 characters', () => {
    expect(fitMessage('short')).toBe('short');
    const long = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const cut = fitMessage(long);
    expect(cut.length).toBeLessThanOrEqual(2000);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    // No broken surrogate pair at the cut.
    const emoji = '😀'.repeat(1500);
    expect(fitMessage(emoji).length).toBeLessThanOrEqual(2000);
    expect(fitMessage(emoji)).not.toMatch(/[\uD800-\uDBFF]…$/);
  });

  it('error ids look like E-7F3A2C; relative timestamps round up to a second', () => {
    expect(newErrorId()).toMatch(/^E-[0-9A-F]{6}$/);
    expect(relativeTime(1_700_000_000_001)).toBe('<t:1700000001:R>');
  });

  it('interaction and webhook tokens are scrubbed from logged errors', () => {
    expect(scrubTokens('PATCH /api/v10/webhooks/123/aW50ZXJhY3Rpb24.secret/messages/@original')).toBe(
      'PATCH /api/v10/webhooks/123/[token]/messages/@original',
    );
    expect(scrubTokens('/interactions/456/tok_en-1/callback')).toBe('/interactions/456/[token]/callback');
    const error = Object.assign(new Error('Internal Server Error'), {
      status: 500,
      method: 'PATCH',
      url: 'http://x/api/v10/webhooks/1/abc/messages/@original',
    });
    expect(errorDetails(error)).toMatchObject({
      type: 'Error',
      status: 500,
      method: 'PATCH',
      url: 'http://x/api/v10/webhooks/1/[token]/messages/@original',
    });
  });
});

describe('sourcesPages', () => {
  it('pages stay within the limit, list every document once, and number the pages', async () => {
    const engine = await storyEngine();
    try {
      // The story is one document; a small page size shows the paging logic honestly.
      const many = {
        ...engine,
        index: {
          ...engine.index,
          documents: Array.from({ length: 90 }, (_, i) => ({
            ...engine.index.documents[0]!,
            id: `d${i}`,
            title: `Document ${i} ${'about things '.repeat(i % 5)}`,
          })),
        },
      };
      const pages = sourcesPages(many, 1000);
      expect(pages.length).toBeGreaterThan(2);
      for (const [i, page] of pages.entries()) {
        expect(page.length).toBeLessThanOrEqual(1000);
        expect(page).toContain(`*Page ${i + 1}/${pages.length}*`);
      }
      const numbers = pages.flatMap((p) => [...p.matchAll(/^(\d+)\. Document/gm)].map((m) => Number(m[1])));
      expect(numbers).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    } finally {
      await engine.embedder.close();
    }
  });

  it('shows an article’s address as <url>, so Discord shows no link preview', async () => {
    const engine = await storyEngine();
    try {
      const withUrl = {
        ...engine,
        index: { ...engine.index, documents: [{ ...engine.index.documents[0]!, url: 'https://news.example/krebs' }] },
      };
      expect(sourcesPages(withUrl)[0]).toMatch(
        /^1\. Trump fires CISA director Chris Krebs — 2020-11-18 — \d+ chunks — <https:\/\/news\.example\/krebs>$/m,
      );
      expect(sourcesPages(engine)[0]).not.toContain('<http');
    } finally {
      await engine.embedder.close();
    }
  });
});
