import { describe, expect, it } from 'vitest';
import { escapeEcho, escapeInline, escapeMarkdown } from '../../src/util/markdown';

describe('escaping corpus text for Discord markdown', () => {
  it('escapes emphasis, strike, code, spoiler and backslash characters', () => {
    expect(escapeMarkdown('*a* _b_ ~~c~~ `d` ||e|| f\\g')).toBe('\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| f\\\\g');
  });

  it('escapes quote, heading and list markers only at the start of a line', () => {
    expect(escapeMarkdown('> start\n# head\n- item\na > b - c # d')).toBe('\\> start\n\\# head\n\\- item\na > b - c # d');
  });

  it('leaves ordinary text, Unicode and mentions unchanged', () => {
    expect(escapeMarkdown('Krebs’s “highly inaccurate” statement — @everyone, 東京')).toBe(
      'Krebs’s “highly inaccurate” statement — @everyone, 東京',
    );
  });
});

describe('escaping corpus text placed inside a line', () => {
  it('escapes formatting characters but not a leading # or >, which cannot start a block mid-line', () => {
    expect(escapeInline('#Protect2020 — (@C_C_Krebs)')).toBe('#Protect2020 — (@C\\_C\\_Krebs)');
    expect(escapeInline('one\n> two')).toBe('one\n\\> two');
  });
});

describe('escaping what a user typed before the bot repeats it', () => {
  it('turns a masked link into plain text', () => {
    expect(escapeEcho('[click here](https://evil.example) Krebs')).toBe('\\[click here\\]\\(https://evil.example\\) Krebs');
  });

  it('keeps user, role and channel mentions and timestamps from rendering', () => {
    expect(escapeEcho('<@123> <@&456> <#789> <t:1700000000:R>')).toBe('\\<@123\\> \\<@&456\\> \\<#789\\> \\<t:1700000000:R\\>');
  });

  it('still escapes markdown', () => {
    expect(escapeEcho('**bold** ||spoiler||')).toBe('\\*\\*bold\\*\\* \\|\\|spoiler\\|\\|');
  });
});
