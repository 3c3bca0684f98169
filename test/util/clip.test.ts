import { describe, expect, it } from 'vitest';
import { clip, ELLIPSIS } from '../../src/util/clip';

describe('clipping text to a length', () => {
  it('leaves text that fits alone', () => {
    expect(clip('short enough', 12)).toBe('short enough');
  });

  it('cuts at a word, the ellipsis included in the length', () => {
    const cut = clip('the quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe(`the quick brown fox${ELLIPSIS}`);
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('prefers a line break when asked to', () => {
    expect(clip('first line here\nsecond line goes on', 24, { atLine: true })).toBe(`first line here${ELLIPSIS}`);
    expect(clip('first line here\nsecond line goes on', 24)).toBe(`first line here\nsecond${ELLIPSIS}`);
  });

  it('cuts mid-word when no boundary lies in the second half, never halving a surrogate pair', () => {
    expect(clip('abcdefghijklmnopqrstuvwxyz', 10)).toBe(`abcdefghi${ELLIPSIS}`);
    const emoji = 'a'.repeat(8) + '😀'.repeat(4);
    const cut = clip(emoji, 10);
    expect(cut).toBe(`${'a'.repeat(8)}${ELLIPSIS}`);
  });
});
