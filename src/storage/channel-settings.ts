import type { Database, Statement } from 'better-sqlite3';

/** How the bot behaves in one channel. */
export interface ChannelSettings {
  /** The story this channel asks about; null: the server's default story. */
  storyId: string | null;
  enabled: boolean;
  /** False: any message that reads as a question is answered, not only those that mention the bot. */
  requireMention: boolean;
  /** Answer in a new thread started from the question. */
  threads: boolean;
  /** `/ask` answers privately unless the asker says otherwise. */
  ephemeral: boolean;
}

/** What a channel nobody has configured gets. */
export const DEFAULT_CHANNEL_SETTINGS: Readonly<ChannelSettings> = Object.freeze({
  storyId: null,
  enabled: true,
  requireMention: true,
  threads: false,
  ephemeral: false,
});

export interface StoredChannelSettings extends ChannelSettings {
  channelId: string;
  guildId: string;
  updatedAt: string;
}

/** The settings to change; absent or undefined ones keep their value. */
export type ChannelSettingsUpdate = { [K in keyof ChannelSettings]?: ChannelSettings[K] | undefined };

interface Row {
  channel_id: string;
  guild_id: string;
  story_id: string | null;
  enabled: number;
  require_mention: number;
  threads: number;
  ephemeral: number;
  updated_at: string;
}

/** Per-channel settings, keyed by channel id (with the server it is in, to list a server's). */
export class ChannelSettingsStore {
  private readonly select: Statement<[string], Row>;
  private readonly selectGuild: Statement<[string], Row>;
  private readonly upsert: Statement<[Row]>;
  private readonly unbind: Statement<[{ channel_id: string; updated_at: string }]>;

  constructor(private readonly db: Database) {
    this.select = db.prepare('SELECT * FROM channel_settings WHERE channel_id = ?');
    this.selectGuild = db.prepare('SELECT * FROM channel_settings WHERE guild_id = ? ORDER BY channel_id');
    this.upsert = db.prepare(`
      INSERT INTO channel_settings (channel_id, guild_id, story_id, enabled, require_mention, threads, ephemeral, updated_at)
      VALUES (@channel_id, @guild_id, @story_id, @enabled, @require_mention, @threads, @ephemeral, @updated_at)
      ON CONFLICT (channel_id) DO UPDATE SET
        guild_id = excluded.guild_id, story_id = excluded.story_id, enabled = excluded.enabled,
        require_mention = excluded.require_mention, threads = excluded.threads, ephemeral = excluded.ephemeral,
        updated_at = excluded.updated_at`);
    this.unbind = db.prepare('UPDATE channel_settings SET story_id = NULL, updated_at = @updated_at WHERE channel_id = @channel_id');
  }

  /** The channel's settings; the defaults for a channel never configured. */
  get(channelId: string): ChannelSettings {
    const row = this.select.get(channelId);
    return row ? settingsOf(row) : { ...DEFAULT_CHANNEL_SETTINGS };
  }

  /** Changes some settings of a channel, keeping the others; returns the result. */
  update(channelId: string, guildId: string, changes: ChannelSettingsUpdate): ChannelSettings {
    return this.db.transaction(() => {
      const current = this.get(channelId);
      const next: ChannelSettings = {
        storyId: changes.storyId === undefined ? current.storyId : changes.storyId,
        enabled: changes.enabled ?? current.enabled,
        requireMention: changes.requireMention ?? current.requireMention,
        threads: changes.threads ?? current.threads,
        ephemeral: changes.ephemeral ?? current.ephemeral,
      };
      this.upsert.run({
        channel_id: channelId,
        guild_id: guildId,
        story_id: next.storyId,
        enabled: Number(next.enabled),
        require_mention: Number(next.requireMention),
        threads: Number(next.threads),
        ephemeral: Number(next.ephemeral),
        updated_at: new Date().toISOString(),
      });
      return next;
    })();
  }

  /** Unbinds the channel's story, so that it follows the server's default again. */
  clearStory(channelId: string): ChannelSettings {
    this.unbind.run({ channel_id: channelId, updated_at: new Date().toISOString() });
    return this.get(channelId);
  }

  /** The channels of a server that were ever updated (the others have the defaults). */
  list(guildId: string): StoredChannelSettings[] {
    return this.selectGuild.all(guildId).map((row) => ({
      channelId: row.channel_id,
      guildId: row.guild_id,
      ...settingsOf(row),
      updatedAt: row.updated_at,
    }));
  }
}

function settingsOf(row: Row): ChannelSettings {
  return {
    storyId: row.story_id,
    enabled: row.enabled === 1,
    requireMention: row.require_mention === 1,
    threads: row.threads === 1,
    ephemeral: row.ephemeral === 1,
  };
}
