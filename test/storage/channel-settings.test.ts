import { describe, expect, it } from 'vitest';
import { databaseFile, DEFAULT_CHANNEL_SETTINGS, openDatabase } from '../../src/storage';
import { tempDir } from '../support/paths';

describe('channel settings', () => {
  it('are the defaults for a channel never configured: server story, enabled, mention required, no threads, public', () => {
    const db = openDatabase(databaseFile(tempDir('channels-')));
    expect(db.channels.get('100')).toEqual({ storyId: null, enabled: true, requireMention: true, threads: false, ephemeral: false });
    expect(db.channels.get('100')).toEqual(DEFAULT_CHANNEL_SETTINGS);
    db.close();
  });

  it('change only what an update names, and are kept across restarts', () => {
    const file = databaseFile(tempDir('channels-'));
    let db = openDatabase(file);
    expect(db.channels.update('100', 'g1', { storyId: 'krebs-fired', requireMention: false })).toEqual({
      ...DEFAULT_CHANNEL_SETTINGS,
      storyId: 'krebs-fired',
      requireMention: false,
    });
    db.channels.update('100', 'g1', { ephemeral: true, threads: undefined });
    db.close();

    db = openDatabase(file);
    expect(db.channels.get('100')).toEqual({
      storyId: 'krebs-fired',
      enabled: true,
      requireMention: false,
      threads: false,
      ephemeral: true,
    });
    db.close();
  });

  it('clearStory puts the channel back on the server default story, keeping its other settings', () => {
    const db = openDatabase(databaseFile(tempDir('channels-')));
    db.channels.update('100', 'g1', { storyId: 'krebs-fired', enabled: false });
    expect(db.channels.clearStory('100')).toEqual({ ...DEFAULT_CHANNEL_SETTINGS, enabled: false });
    expect(db.channels.clearStory('never-configured')).toEqual(DEFAULT_CHANNEL_SETTINGS);
    db.close();
  });

  it("list a server's configured channels only", () => {
    const db = openDatabase(databaseFile(tempDir('channels-')));
    db.channels.update('200', 'g1', { threads: true });
    db.channels.update('100', 'g1', { storyId: 'port-strike' });
    db.channels.update('300', 'g2', { enabled: false });

    const listed = db.channels.list('g1');
    expect(listed.map((c) => [c.channelId, c.guildId, c.storyId, c.threads])).toEqual([
      ['100', 'g1', 'port-strike', false],
      ['200', 'g1', null, true],
    ]);
    for (const c of listed) expect(Number.isNaN(Date.parse(c.updatedAt))).toBe(false);
    expect(db.channels.list('g3')).toEqual([]);
    db.close();
  });
});
