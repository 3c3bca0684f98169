import type { Channel } from 'discord.js';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings, type ChannelSettingsStore } from '../storage';

/** The channel whose settings apply: a thread follows its parent channel's. */
export function settingsChannelId(channel: Channel | null, channelId: string): string {
  return channel && 'isThread' in channel && channel.isThread() && channel.parentId ? channel.parentId : channelId;
}

/** How the bot behaves where a message or interaction came from (the defaults without a database, or in DMs). */
export function channelSettings(store: ChannelSettingsStore | null, channel: Channel | null, channelId: string | null): ChannelSettings {
  if (!store || !channelId) return { ...DEFAULT_CHANNEL_SETTINGS };
  return store.get(settingsChannelId(channel, channelId));
}

/** What a switched-off channel's `/ask` gets (mentions there get nothing). */
export const DISABLED_TEXT = 'I’m switched off in this channel. A server manager can turn me back on with `/settings enabled:True`.';
