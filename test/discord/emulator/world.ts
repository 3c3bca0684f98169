/**
 * The emulator's mutable state: one guild with its roles, channels and members, the bot's
 * application and commands, every message, the interactions in flight, and the REST log.
 * REST (`rest.ts`) and the gateway (`gateway.ts`) both read and change it.
 */
import {
  ALL_PERMISSIONS,
  ChannelType,
  EVERYONE_PERMISSIONS,
  Perm,
  SnowflakeFactory,
  iso,
  mentionedRoleIds,
  mentionedUserIds,
  userJSON,
  type ChannelState,
  type GuildInfo,
  type GuildSnapshot,
  type RoleState,
} from './payloads';
import type {
  EmulatedUser,
  InteractionHandle,
  JsonObject,
  RecordedCallback,
  RecordedEdit,
  RecordedFile,
  RecordedMessage,
  RecordedRequest,
  RegisteredCommand,
} from './types';

/** Message flags the emulator reads or sets. */
export const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7 } as const;

export interface InteractionState {
  handle: InteractionHandle;
  /** For component interactions: the message carrying the component. */
  componentMessageId: string | null;
  /** What `@original` resolves to (null until the interaction has a response message). */
  originalMessageId: string | null;
  callbacks: RecordedCallback[];
  edits: RecordedEdit[];
  followUps: RecordedMessage[];
}

export interface WorldOptions {
  token: string;
  applicationId?: string;
  guildName?: string;
  botUsername?: string;
}

export class World {
  readonly ids = new SnowflakeFactory();
  readonly token: string;
  readonly applicationId: string;
  readonly guild: GuildInfo;
  readonly roles: RoleState[];
  readonly everyoneRoleId: string;
  readonly moderatorRoleId: string;
  readonly botRoleId: string;
  readonly channels = new Map<string, ChannelState>();
  readonly members = new Map<string, EmulatedUser>();
  readonly botUser: EmulatedUser;
  readonly users: { readonly alice: EmulatedUser; readonly bob: EmulatedUser; readonly owner: EmulatedUser };
  readonly otherBot: EmulatedUser;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly threadId: string;
  /** Every message by id (user messages, bot messages, synthesized component carriers). */
  readonly messages = new Map<string, JsonObject>();
  readonly commands: RegisteredCommand[] = [];
  /** Interactions by token. */
  readonly interactions = new Map<string, InteractionState>();
  readonly requests: RecordedRequest[] = [];
  /** Every message the bot created, in order. */
  readonly botMessages: RecordedMessage[] = [];

  constructor(options: WorldOptions) {
    this.token = options.token;
    this.applicationId = options.applicationId ?? this.ids.next();
    const guildId = this.ids.next();
    const ownerId = this.ids.next();
    this.guild = { id: guildId, name: options.guildName ?? 'Emulated Guild', ownerId, joinedAt: iso() };
    this.everyoneRoleId = guildId;
    this.moderatorRoleId = this.ids.next();
    this.botRoleId = this.ids.next();
    this.roles = [
      { id: guildId, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0, managed: false },
      {
        id: this.moderatorRoleId,
        name: 'Moderators',
        permissions: Perm.ManageGuild | Perm.ManageMessages | Perm.ManageThreads,
        position: 1,
        managed: false,
      },
      {
        id: this.botRoleId,
        name: options.botUsername ?? 'story-qa',
        permissions: Perm.ManageThreads | Perm.CreatePublicThreads | Perm.SendMessagesInThreads,
        position: 2,
        managed: true,
        botId: this.applicationId,
      },
    ];

    this.botUser = this.addUser({
      id: this.applicationId,
      username: options.botUsername ?? 'story-qa',
      bot: true,
      roleIds: [this.botRoleId],
    });
    this.users = {
      owner: this.addUser({ id: ownerId, username: 'owner' }),
      alice: this.addUser({ username: 'alice', globalName: 'Alice (admin)', roleIds: [this.moderatorRoleId] }),
      bob: this.addUser({ username: 'bob', globalName: 'Bob' }),
    };
    this.otherBot = this.addUser({ username: 'other-bot', bot: true });

    this.channelId = this.addChannel({ type: ChannelType.GuildText, name: 'general' }).id;
    this.otherChannelId = this.addChannel({ type: ChannelType.GuildText, name: 'off-topic' }).id;
    this.threadId = this.addChannel({
      type: ChannelType.PublicThread,
      name: 'story-thread',
      parentId: this.channelId,
      ownerId: this.users.alice.id,
    }).id;
  }

  // ---- users, roles, channels ------------------------------------------------------------

  addUser(opts: { id?: string; username: string; globalName?: string | null; bot?: boolean; roleIds?: string[] }): EmulatedUser {
    const id = opts.id ?? this.ids.next();
    const roleIds = [...(opts.roleIds ?? [])];
    const user: EmulatedUser = {
      id,
      username: opts.username,
      globalName: opts.globalName ?? null,
      bot: opts.bot ?? false,
      roleIds,
      permissions: this.computePermissions(id, roleIds),
      mention: `<@${id}>`,
    };
    this.members.set(id, user);
    return user;
  }

  computePermissions(userId: string, roleIds: readonly string[]): bigint {
    if (userId === this.guild.ownerId) return ALL_PERMISSIONS;
    let perms = 0n;
    for (const role of this.roles) {
      if (role.id === this.everyoneRoleId || roleIds.includes(role.id)) perms |= role.permissions;
    }
    return perms & Perm.Administrator ? ALL_PERMISSIONS : perms;
  }

  addChannel(opts: { id?: string; type: number; name: string; parentId?: string; ownerId?: string }): ChannelState {
    const channel: ChannelState = {
      id: opts.id ?? this.ids.next(),
      type: opts.type,
      name: opts.name,
      position: this.channels.size,
      parentId: opts.parentId ?? null,
      createdAt: iso(),
      lastMessageId: null,
      ...(opts.ownerId ? { ownerId: opts.ownerId } : {}),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  user(id: string): EmulatedUser | undefined {
    return this.members.get(id);
  }

  snapshot(): GuildSnapshot {
    return {
      guild: this.guild,
      roles: this.roles,
      channels: [...this.channels.values()],
      members: [...this.members.values()],
    };
  }

  // ---- messages ---------------------------------------------------------------------------

  /**
   * Builds and stores a message the bot sends (channel message, interaction reply, follow-up)
   * from the body discord.js sent.
   */
  createBotMessage(opts: {
    channelId: string;
    body: JsonObject;
    files: RecordedFile[];
    interaction?: InteractionState;
    extraFlags?: number;
  }): JsonObject {
    const { body, interaction } = opts;
    const id = this.ids.next();
    const content = typeof body.content === 'string' ? body.content : '';
    const ref = body.message_reference as JsonObject | undefined;
    const referenced = ref?.message_id ? this.messages.get(String(ref.message_id)) : undefined;
    let type = 0;
    if (interaction) type = interaction.handle.type === 2 ? 20 : 19;
    else if (ref?.message_id) type = 19;
    const message: JsonObject = {
      id,
      type,
      channel_id: opts.channelId,
      author: userJSON(this.botUser),
      content,
      timestamp: iso(),
      edited_timestamp: null,
      tts: Boolean(body.tts),
      mention_everyone: false,
      mentions: this.mentionsFor(content, referenced),
      mention_roles: mentionedRoleIds(content),
      attachments: this.attachmentsFor(body, opts.files, []),
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      pinned: false,
      flags: (Number(body.flags) || 0) | (opts.extraFlags ?? 0),
      ...(body.poll ? { poll: body.poll } : {}),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
    };
    if (ref?.message_id) {
      message.message_reference = {
        type: 0,
        message_id: String(ref.message_id),
        channel_id: String(ref.channel_id ?? opts.channelId),
        guild_id: this.guild.id,
      };
      message.referenced_message = referenced ?? null;
    }
    if (interaction) {
      const { handle } = interaction;
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      message.interaction_metadata = {
        id: handle.id,
        type: handle.type,
        user: handle.payload.member?.user ?? handle.payload.user,
        authorizing_integration_owners: { '0': this.guild.id },
        ...(handle.type === 2 ? { name: handle.payload.data?.name } : {}),
        ...(handle.type === 3 && interaction.componentMessageId ? { interacted_message_id: interaction.componentMessageId } : {}),
      };
    }
    this.storeMessage(message);
    return message;
  }

  /** Applies a PATCH body to a stored message and returns the new version. */
  editMessage(id: string, body: JsonObject, files: RecordedFile[]): JsonObject {
    const old = this.messages.get(id);
    if (!old) throw new Error(`editMessage: unknown message ${id}`);
    const next: JsonObject = { ...old, edited_timestamp: iso() };
    if (body.content !== undefined) {
      next.content = body.content ?? '';
      next.mentions = this.mentionsFor(String(next.content), undefined);
      next.mention_roles = mentionedRoleIds(String(next.content));
    }
    if (body.embeds !== undefined) next.embeds = body.embeds ?? [];
    if (body.components !== undefined) next.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null) next.flags = Number(body.flags);
    if (body.attachments !== undefined || files.length > 0) {
      next.attachments = this.attachmentsFor(body, files, (old.attachments as JsonObject[] | undefined) ?? []);
    }
    if (body.poll !== undefined) next.poll = body.poll;
    // Editing the "thinking…" message of a deferred reply turns it into a normal one.
    next.flags = (Number(next.flags) || 0) & ~MessageFlag.Loading;
    this.messages.set(id, next);
    return next;
  }

  storeMessage(message: JsonObject): void {
    this.messages.set(String(message.id), message);
    const channel = this.channels.get(String(message.channel_id));
    if (channel) channel.lastMessageId = String(message.id);
  }

  /** Messages of a channel, newest first. */
  channelMessages(channelId: string): JsonObject[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId).reverse();
  }

  private mentionsFor(content: string, referenced: JsonObject | undefined): JsonObject[] {
    const ids = mentionedUserIds(content);
    const author = referenced?.author as JsonObject | undefined;
    if (author?.id && !ids.includes(String(author.id))) ids.push(String(author.id));
    const out: JsonObject[] = [];
    for (const id of ids) {
      const user = this.members.get(id);
      if (user) out.push(userJSON(user));
    }
    return out;
  }

  /**
   * discord.js sends `attachments: [{id: n, …}]` with files in `files[n]`; existing attachments
   * are kept by their snowflake id.
   */
  private attachmentsFor(body: JsonObject, files: RecordedFile[], existing: JsonObject[]): JsonObject[] {
    const out: JsonObject[] = [];
    const byField = new Map(files.map((f) => [f.field, f]));
    const used = new Set<RecordedFile>();
    const described = Array.isArray(body.attachments) ? (body.attachments as JsonObject[]) : [];
    for (const att of described) {
      const keep = existing.find((e) => e.id === String(att.id));
      if (keep) {
        out.push(keep);
        continue;
      }
      const file = byField.get(`files[${att.id}]`);
      if (file) {
        used.add(file);
        out.push(this.attachmentJSON(file, att));
      }
    }
    for (const file of files) if (!used.has(file)) out.push(this.attachmentJSON(file, {}));
    return out;
  }

  private attachmentJSON(file: RecordedFile, meta: JsonObject): JsonObject {
    const id = this.ids.next();
    const filename = typeof meta.filename === 'string' ? meta.filename : file.name;
    return {
      id,
      filename,
      size: file.size,
      url: `https://cdn.discord-emulator.invalid/attachments/${id}/${filename}`,
      proxy_url: `https://media.discord-emulator.invalid/attachments/${id}/${filename}`,
      content_type: file.contentType,
      ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
    };
  }

  // ---- commands ---------------------------------------------------------------------------

  commandsIn(guildId: string | null): RegisteredCommand[] {
    return this.commands.filter((c) => (c.guild_id ?? null) === guildId);
  }

  /** Creates or updates (same name and type) a command in a scope; `created` tells which. */
  upsertCommand(guildId: string | null, body: JsonObject): { command: RegisteredCommand; created: boolean } {
    const type = Number(body.type ?? 1);
    const existing = this.commandsIn(guildId).find((c) => c.name === body.name && c.type === type);
    const command: RegisteredCommand = {
      default_member_permissions: null,
      dm_permission: true,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      description: '',
      name_localizations: null,
      description_localizations: null,
      options: [],
      ...body,
      id: existing?.id ?? this.ids.next(),
      application_id: this.applicationId,
      name: String(body.name),
      type,
      version: this.ids.next(),
      ...(guildId ? { guild_id: guildId } : {}),
    };
    if (existing) this.commands.splice(this.commands.indexOf(existing), 1, command);
    else this.commands.push(command);
    return { command, created: !existing };
  }

  /** Bulk overwrite of a scope (PUT): commands not in `bodies` are deleted, ids kept by name. */
  replaceCommands(guildId: string | null, bodies: JsonObject[]): RegisteredCommand[] {
    const names = new Set(bodies.map((b) => `${Number(b.type ?? 1)}:${String(b.name)}`));
    for (const old of this.commandsIn(guildId)) {
      if (!names.has(`${old.type}:${old.name}`)) this.commands.splice(this.commands.indexOf(old), 1);
    }
    return bodies.map((b) => this.upsertCommand(guildId, b).command);
  }

  /** The registered definition a test's slash command refers to (guild first, as Discord resolves). */
  findCommand(name: string, type = 1): RegisteredCommand | undefined {
    return (
      this.commandsIn(this.guild.id).find((c) => c.name === name && c.type === type) ??
      this.commandsIn(null).find((c) => c.name === name && c.type === type)
    );
  }
}
