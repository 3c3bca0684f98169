import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/discord/admission';

/** A clock the test moves by hand. */
function clock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), start };
}

describe('TokenBucket', () => {
  it('lets a user ask three questions at once, then one per cooldown, saying when the next is allowed', () => {
    const time = clock();
    const bucket = new TokenBucket({ cooldownSeconds: 10, now: time.now });
    for (let i = 0; i < 3; i++) expect(bucket.take('alice')).toEqual({ ok: true });
    expect(bucket.take('alice')).toEqual({ ok: false, retryAt: time.start + 10_000 });

    time.advance(10_000);
    expect(bucket.take('alice')).toEqual({ ok: true });
    expect(bucket.take('alice')).toEqual({ ok: false, retryAt: time.start + 20_000 });
  });

  it('lets a conversation flow: two quick follow-ups, then one question per cooldown, are never refused', () => {
    const time = clock();
    const bucket = new TokenBucket({ cooldownSeconds: 10, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(bucket.take('alice').ok).toBe(true);
      time.advance(2_000);
    }
    for (let i = 0; i < 20; i++) {
      time.advance(10_000);
      expect(bucket.take('alice').ok).toBe(true);
    }
  });

  it('holds a flood to one question per cooldown after the first three', () => {
    const time = clock();
    const bucket = new TokenBucket({ cooldownSeconds: 10, now: time.now });
    let accepted = 0;
    for (let ms = 0; ms <= 60_000; ms += 100) {
      if (bucket.take('spammer').ok) accepted++;
      time.advance(100);
    }
    expect(accepted).toBe(3 + 6);
  });

  it('keeps one bucket per user: a flood from one does not slow another', () => {
    const time = clock();
    const bucket = new TokenBucket({ cooldownSeconds: 10, capacity: 1, now: time.now });
    expect(bucket.take('alice').ok).toBe(true);
    expect(bucket.take('alice').ok).toBe(false);
    expect(bucket.take('bob').ok).toBe(true);
  });

  it('refund gives back the token of a question that was never answered, up to the capacity', () => {
    const time = clock();
    const bucket = new TokenBucket({ cooldownSeconds: 10, capacity: 1, now: time.now });
    bucket.take('alice');
    bucket.refund('alice');
    bucket.refund('alice');
    expect(bucket.take('alice').ok).toBe(true);
    expect(bucket.take('alice').ok).toBe(false);
  });

  it('with a cooldown of 0 accepts everything and remembers no one', () => {
    const bucket = new TokenBucket({ cooldownSeconds: 0 });
    for (let i = 0; i < 1000; i++) expect(bucket.take('alice').ok).toBe(true);
    expect(bucket.size).toBe(0);
  });

  it('forgets, once a minute, the users whose bucket has refilled: memory follows recent askers only', () => {
    const time = clock();
    const bucket = new TokenBucket({ cooldownSeconds: 10, now: time.now });
    for (let user = 0; user < 10_000; user++) bucket.take(`one-off-${user}`);
    time.advance(55_000);
    bucket.take('recent');
    expect(bucket.size).toBe(10_001);

    time.advance(6_000);
    bucket.take('alice');
    // The one-off askers are full again and forgotten; "recent" is still short of a token.
    expect(bucket.size).toBe(2);
    expect(bucket.take('recent')).toEqual({ ok: true });
  });
});
