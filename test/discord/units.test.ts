/** The small pieces of the bot that need no Discord: limits, message fitting, log scrubbing, sources pages. */
import { describe, expect, it } from 'vitest';
import { sourcesPages } from '../../src/discord/commands/sources';
import { AnswerLimits } from '../../src/discord/limits';
import { errorDetails, fitMessage, newErrorId, relativeTime, scrubTokens } from '../../src/discord/messages';
import { storyEngine } from '../support/engines';

describe('AnswerLimits', () => {
  it('a user waits the cooldown between questions; others do not', () => {
    let now = 1_000_000;
    const limits = new AnswerLimits({ cooldownSeconds: 10, maxConcurrent: 4, now: () => now });
    const first = limits.tryStart('bob', { cooldown: true });
    expect(first.ok).toBe(true);
    if (first.ok) first.release();
    now += 4000;
    expect(limits.tryStart('bob', { cooldown: true })).toMatchObject({ ok: false, reason: 'cooldown', retryAt: 1_010_000 });
    expect(limits.tryStart('alice', { cooldown: true }).ok).toBe(true);
    expect(limits.tryStart('bob', { cooldown: false }).ok).toBe(true); // e.g. /timeline: global cap only
    now += 6000;
    expect(limits.tryStart('bob', { cooldown: true }).ok).toBe(true);
  });

  it('cooldown 0 turns it off', () => {
    const limits = new AnswerLimits({ cooldownSeconds: 0, maxConcurrent: 10 });
    for (let i = 0; i < 5; i++) expect(limits.tryStart('bob', { cooldown: true }).ok).toBe(true);
  });

  it('over the global cap: refused with a retry time at least a second away; a release frees a slot', () => {
    const now = 5_000_000;
    const limits = new AnswerLimits({ cooldownSeconds: 0, maxConcurrent: 2, now: () => now });
    const a = limits.tryStart('a', { cooldown: true });
    const b = limits.tryStart('b', { cooldown: true });
    const c = limits.tryStart('c', { cooldown: true });
    expect(c).toMatchObject({ ok: false, reason: 'busy', active: 2 });
    if (!c.ok) expect(c.retryAt).toBeGreaterThanOrEqual(now + 1000);
    expect(limits.active).toBe(2);
    if (a.ok) {
      a.release();
      a.release(); // idempotent
    }
    expect(limits.active).toBe(1);
    expect(limits.tryStart('c', { cooldown: true }).ok).toBe(true);
    expect(b.ok).toBe(true);
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
