/**
 * Pure builders of Discord API objects (users, members, roles, channels, guilds, messages,
 * READY/GUILD_CREATE/INTERACTION_CREATE payloads) in the shapes discord.js 14.28 reads.
 *
 * Fields discord.js dereferences without a guard are always present:
 * INTERACTION_CREATE `entitlements` and `authorizing_integration_owners`; GUILD_CREATE
 * `unavailable: false`, `channels`, `threads`, `roles`, `members`…; threads `thread_metadata`.
 */
import type { EmulatedUser, JsonObject } from './types';

const DISCORD_EPOCH = 1420070400000n;

/** Monotonic snowflakes whose timestamp part is the creation time (so `createdAt` is sane). */
export class SnowflakeFactory {
  private last = 0n;

  next(): string {
    const base = ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n);
    this.last = base > this.last ? base : this.last + 1n;
    return this.last.toString();
  }
}

/** Permission bits (the subset the emulator uses), as Discord defines them. */
export const Perm = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Every permission bit Discord currently defines (bits 0..50). */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export const EVERYONE_PERMISSIONS =
  Perm.CreateInstantInvite |
  Perm.AddReactions |
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.UseExternalEmojis |
  Perm.ChangeNickname |
  Perm.UseApplicationCommands |
  Perm.CreatePublicThreads |
  Perm.SendMessagesInThreads;

/** Gateway intent bits the emulator honours. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

export const ChannelType = { GuildText: 0, PublicThread: 11 } as const;

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  botId?: string;
}

export interface ChannelState {
  id: string;
  type: number;
  name: string;
  position: number;
  parentId: string | null;
  createdAt: string;
  ownerId?: string;
  lastMessageId: string | null;
}

export interface GuildInfo {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
}

export function iso(ms = Date.now()): string {
  return new Date(ms).toISOString();
}

export function userJSON(user: EmulatedUser): JsonObject {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName,
    discriminator: '0',
    avatar: null,
    avatar_decoration_data: null,
    public_flags: 0,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function roleJSON(role: RoleState): JsonObject {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

/** A guild member; `withUser: false` gives the partial member of MESSAGE_CREATE. */
export function memberJSON(user: EmulatedUser, joinedAt: string, withUser = true): JsonObject {
  return {
    ...(withUser ? { user: userJSON(user) } : {}),
    nick: null,
    avatar: null,
    banner: null,
    roles: [...user.roleIds],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function channelJSON(channel: ChannelState, guildId: string): JsonObject {
  const base: JsonObject = {
    id: channel.id,
    type: channel.type,
    guild_id: guildId,
    name: channel.name,
    parent_id: channel.parentId,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    flags: 0,
    nsfw: false,
  };
  if (channel.type === ChannelType.PublicThread) {
    return {
      ...base,
      owner_id: channel.ownerId ?? null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: channel.createdAt,
        locked: false,
        create_timestamp: channel.createdAt,
      },
    };
  }
  return { ...base, position: channel.position, topic: null, permission_overwrites: [] };
}

export interface GuildSnapshot {
  guild: GuildInfo;
  roles: RoleState[];
  channels: ChannelState[];
  members: EmulatedUser[];
}

export function guildCreateJSON({ guild, roles, channels, members }: GuildSnapshot): JsonObject {
  const text = channels.filter((c) => c.type !== ChannelType.PublicThread);
  const threads = channels.filter((c) => c.type === ChannelType.PublicThread);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    system_channel_id: text[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    max_members: 500000,
    max_video_channel_users: 25,
    features: [],
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    lazy: true,
    member_count: members.length,
    roles: roles.map(roleJSON),
    emojis: [],
    stickers: [],
    channels: text.map((c) => {
      const { guild_id: _omit, ...rest } = channelJSON(c, guild.id);
      return rest;
    }),
    threads: threads.map((c) => channelJSON(c, guild.id)),
    members: members.map((m) => memberJSON(m, guild.joinedAt)),
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    embedded_activities: [],
    incidents_data: null,
  };
}

export function readyJSON(opts: {
  botUser: EmulatedUser;
  applicationId: string;
  guildId: string;
  sessionId: string;
  resumeUrl: string;
  shard: [number, number];
}): JsonObject {
  return {
    v: 10,
    user: { ...userJSON(opts.botUser), verified: true, mfa_enabled: false, flags: 0, email: null },
    user_settings: {},
    guilds: [{ id: opts.guildId, unavailable: true }],
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: ['emulator'],
    session_id: opts.sessionId,
    session_type: 'normal',
    resume_gateway_url: opts.resumeUrl,
    shard: opts.shard,
    application: { id: opts.applicationId, flags: 0 },
    auth: {},
    _trace: ['["discord-emulator",{"micros":0}]'],
  };
}

export function applicationJSON(applicationId: string, botUser: EmulatedUser, ownerId: string): JsonObject {
  return {
    id: applicationId,
    name: botUser.username,
    icon: null,
    description: 'Emulated application',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: { id: ownerId, username: 'owner', global_name: null, discriminator: '0', avatar: null },
    bot: userJSON(botUser),
    approximate_guild_count: 1,
    integration_types_config: { '0': {} },
    tags: [],
  };
}

const USER_MENTION = /<@!?(\d+)>/g;
const ROLE_MENTION = /<@&(\d+)>/g;

/** User ids mentioned as `<@id>` / `<@!id>` in `content`, in order, without duplicates. */
export function mentionedUserIds(content: string): string[] {
  return [...new Set([...content.matchAll(USER_MENTION)].map((m) => m[1] as string))];
}

export function mentionedRoleIds(content: string): string[] {
  return [...new Set([...content.matchAll(ROLE_MENTION)].map((m) => m[1] as string))];
}
