/**
 * Discord API emulator for end-to-end tests: REST (`/api/v10`) and the Gateway (WebSocket,
 * `/gateway`) on one random 127.0.0.1 port, good enough for the real discord.js 14.28 client
 * to log in, receive guild state, messages and interactions, and answer them.
 *
 * ## Use
 *
 * ```ts
 * const emu = await startDiscordEmulator();             // { token?, applicationId?, heartbeatIntervalMs?, … }
 * const client = new Client({
 *   intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
 *   rest: { api: emu.apiUrl },                         // http://127.0.0.1:PORT/api
 * });
 * const ready = once(client, Events.ClientReady);       // not 'ready' (deprecated in 14.28)
 * await client.login(emu.token);                       // resolves on READY, before the guild is cached
 * await ready;                                         // GUILD_CREATE processed: guild and channels cached
 *
 * const cmd = emu.sendSlashCommand({ name: 'ask', options: { question: 'Who?' }, user: emu.users.bob });
 * expect((await emu.waitForCallback(cmd)).type).toBe(5);                   // deferred
 * const edit = await emu.waitForEdit(cmd, (e) => e.body.content?.includes('Answer'));
 *
 * // teardown, in this order (a client destroyed before it is ready, or during its 500 ms
 * // reconnect sleep, keeps reconnecting and holds the process open):
 * await client.destroy();
 * await emu.close();
 * ```
 *
 * ## World
 * One guild (`guildId`) with channels `channelId` (#general), `otherChannelId` (#off-topic) and
 * the public thread `threadId` (in #general); roles `@everyone` (id = guild id), `Moderators`
 * (Manage Server, Manage Messages, Manage Threads) and the bot's managed role; members
 * `botUser` (id = `applicationId`), `users.alice` (Moderators: has Manage Server 0x20),
 * `users.bob` (plain member), `users.owner` (guild owner: all permissions), `otherBot`
 * (`bot: true`), plus any made with `createUser`.
 *
 * ## Driving the bot (gateway dispatches; they throw when no client session exists)
 * - `sendSlashCommand({ name, options?, subcommand?, subcommandGroup?, user?, channelId?, locale? })`
 *   → INTERACTION_CREATE type 2. Option types come from the command the bot registered
 *   (unknown/missing-required options then throw), else are inferred (string 3, integer 4,
 *   number 10, boolean 5). USER/CHANNEL/ROLE options get `resolved` data.
 * - `pressButton({ customId, messageId?, user? })` → type 3 (component_type 2). The `message`
 *   is `messageId`'s, else the bot's latest message carrying that custom id, else a
 *   synthesized bot message with that button. `selectMenu({ customId, values, … })` likewise.
 * - `sendInteraction({ type, data, user?, channelId?, message? })` → any interaction (modal submit,
 *   autocomplete…).
 * - `sendMessage({ content, author?, mentionsBot?, channelId?, replyTo? })` → MESSAGE_CREATE.
 *   `mentions` is derived from `<@id>`s in content; `mentionsBot: true` prepends the bot mention
 *   when absent, `false` keeps the bot out of `mentions`. Sessions without GUILD_MESSAGES don't
 *   get it; without MESSAGE_CONTENT, content is blanked unless the bot is mentioned (as Discord).
 * - `createUser({ username, manageGuild?, bot?, roleIds? })`, `dispatch(t, d)` (raw dispatch).
 * Default acting user: `users.bob`; default channel: `channelId`.
 *
 * ## Seeing what the bot did
 * - `requests`: every REST request (`RecordedRequest`: method, decoded path, query, body,
 *   files, headers minus Authorization, status answered, time). `commands`: `{ global, guild, all }`.
 * - `botMessages`: every message the bot created (channel, interaction reply, follow-up).
 * - Per interaction handle: `callbacks(h)`, `edits(h)`, `followUps(h)`, `originalMessage(h)`.
 * - Waiting (default timeout `defaultTimeoutMs` = 10 s; a timeout error lists the recent REST
 *   requests, gateway state and interactions):
 *   `waitForCallback(h)` (first callback: `{type, body, data, latencyMs, status…}`),
 *   `waitForEdit(h, pred?)` (latest matching edit of `@original`), `waitForFollowUp(h, pred?)`,
 *   `waitForChannelMessage(pred?, { since?, channelId? })`, `waitForReply(messageHandle)`,
 *   `waitForRequest(pred)`, `waitForIdentify(n)`, `waitForResume(n)`, `waitFor(check, what)`
 *   (any condition, client-side state included: re-checked on every event and every 20 ms).
 *
 * ## Behaving like Discord
 * - Initial interaction response deadline `callbackDeadlineMs` (3000; `Infinity` to disable):
 *   late callbacks get 404 Unknown interaction (10062); a second one gets 400 (40060).
 * - The bot's own non-ephemeral messages are echoed as MESSAGE_CREATE/UPDATE/DELETE
 *   (`echoBotMessages`, default true), so handlers must ignore bots.
 * - Deferred replies create a LOADING (flag 128) message that the first edit completes.
 *
 * ## Faults
 * - `failNext({ method?, pathPattern, status, headers?, body?, times?, afterApplying? })` → `{ hits, remaining, cancel() }`;
 *   `afterApplying` carries the request out, then answers with the fault (a lost response).
 * - `rateLimitNext({ method?, pathPattern, retryAfter = 1, global = false, times? })`: a 429 with
 *   the headers (`Retry-After` = retryAfter as given, `X-RateLimit-*`, `X-RateLimit-Global`
 *   when global) and body (`retry_after`, `global`) Discord sends.
 * - `dropGateway(code = 4000)`: closes the gateway sockets; the session stays resumable (except
 *   for 1000/1001), dispatches meanwhile are replayed on RESUME. `reconnectGateway()`: op 7.
 * - `ackHeartbeats = false` stops heartbeat ACKs (discord.js then resumes a "zombie" connection).
 * - Counters: `identifyCount`, `resumeCount`, `heartbeatCount`, `connectionCount`.
 *
 * Not emulated: DMs, voice, presences, sharding (always 1 shard), ETF, zlib compression
 * (the client asks for none unless `zlib-sync` is installed; text frames work regardless).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway, messageForSession } from './gateway';
import {
  ChannelType,
  Intent,
  Perm,
  channelJSON,
  iso,
  memberJSON,
  mentionedRoleIds,
  mentionedUserIds,
  roleJSON,
  userJSON,
} from './payloads';
import { Faults, createRestHandler, rateLimitResponse } from './rest';
import type {
  EmulatedUser,
  FaultHandle,
  FaultSpec,
  InteractionHandle,
  JsonObject,
  MessageHandle,
  RecordedCallback,
  RecordedEdit,
  RecordedMessage,
  RecordedRequest,
  RegisteredCommand,
  WaitOptions,
} from './types';
import { Waiters, type Check } from './waiters';
import { World, type InteractionState } from './world';

export type * from './types';
export { Perm, Intent } from './payloads';

export interface DiscordEmulatorOptions {
  /** Bot token the emulator accepts (default `emulator-bot-token`). */
  token?: string;
  /** Application id = bot user id (default: a fresh snowflake). */
  applicationId?: string;
  /** HELLO heartbeat_interval (default 41250, as Discord). */
  heartbeatIntervalMs?: number;
  /** Default timeout of the waiting helpers (default 10 000). */
  defaultTimeoutMs?: number;
  /** Initial interaction response deadline (default 3000, as Discord; `Infinity` disables). */
  callbackDeadlineMs?: number;
  /** Echo the bot's own messages over the gateway (default true, as Discord). */
  echoBotMessages?: boolean;
  guildName?: string;
  botUsername?: string;
}

export type OptionValue = string | number | boolean;

export interface SlashCommandOptions {
  name: string;
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
  /** Default `users.bob`. */
  user?: EmulatedUser;
  /** Default `channelId`. */
  channelId?: string;
  locale?: string;
  /** Files for ATTACHMENT options, by option name: sent as `resolved.attachments` (the URL is the caller's server). */
  attachments?: Record<string, { filename: string; url: string; size: number; contentType?: string }>;
}

export interface ComponentOptions {
  customId: string;
  /** The message carrying the component (default: the bot's latest message with `customId`). */
  messageId?: string;
  user?: EmulatedUser;
  locale?: string;
}

export interface InteractionOptions {
  type: number;
  data: JsonObject;
  user?: EmulatedUser;
  channelId?: string;
  /** For component interactions: the message object carrying the component. */
  message?: JsonObject;
  locale?: string;
}

export interface SendMessageOptions {
  content: string;
  /** Default `users.bob`. */
  author?: EmulatedUser;
  mentionsBot?: boolean;
  channelId?: string;
  /** Id of the message this one replies to (pings its author unless `mentionsBot: false` for the bot). */
  replyTo?: string;
}

export interface ChannelMessageWaitOptions extends WaitOptions {
  /** Only messages received at or after this `Date.now()` value (e.g. a handle's `sentAt`). */
  since?: number;
  channelId?: string;
}

const COMMAND_OPTION_TYPE = {
  SubCommand: 1,
  SubCommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly otherChannelId: string;
  readonly threadId: string;
  readonly botUser: EmulatedUser;
  readonly users: { readonly alice: EmulatedUser; readonly bob: EmulatedUser; readonly owner: EmulatedUser };
  readonly otherBot: EmulatedUser;
  readonly defaultTimeoutMs: number;

  private readonly world: World;
  private readonly gateway: Gateway;
  private readonly faults = new Faults();
  private readonly waiters: Waiters;
  private readonly server: Server;
  private readonly startedAt = Date.now();
  private portNumber = 0;
  private closed = false;

  /** Use `startDiscordEmulator`. */
  constructor(options: DiscordEmulatorOptions = {}) {
    this.world = new World({
      token: options.token ?? 'emulator-bot-token',
      ...(options.applicationId ? { applicationId: options.applicationId } : {}),
      ...(options.guildName ? { guildName: options.guildName } : {}),
      ...(options.botUsername ? { botUsername: options.botUsername } : {}),
    });
    const w = this.world;
    this.token = w.token;
    this.applicationId = w.applicationId;
    this.guildId = w.guild.id;
    this.channelId = w.channelId;
    this.otherChannelId = w.otherChannelId;
    this.threadId = w.threadId;
    this.botUser = w.botUser;
    this.users = w.users;
    this.otherBot = w.otherBot;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;

    this.waiters = new Waiters(() => this.describeRecent());
    const notify = (): void => this.waiters.notify();
    this.gateway = new Gateway({
      world: w,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      resumeUrl: () => `ws://127.0.0.1:${this.portNumber}/gateway/resume`,
      onActivity: notify,
    });
    this.server = createServer(
      createRestHandler({
        world: w,
        gateway: this.gateway,
        faults: this.faults,
        gatewayUrl: () => this.gatewayUrl,
        onActivity: notify,
        callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
        echoBotMessages: options.echoBotMessages ?? true,
      }),
    );
    this.server.on('upgrade', (req, socket, head) => this.gateway.handleUpgrade(req, socket, head));
  }

  /** @internal */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.portNumber = (this.server.address() as AddressInfo).port;
  }

  get port(): number {
    return this.portNumber;
  }
  /** For discord.js `rest: { api }`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.portNumber}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.portNumber}/gateway`;
  }

  // ---- records and counters -------------------------------------------------------------------

  get requests(): readonly RecordedRequest[] {
    return this.world.requests;
  }
  get commands(): { global: RegisteredCommand[]; guild: RegisteredCommand[]; all: RegisteredCommand[] } {
    return {
      global: this.world.commandsIn(null),
      guild: this.world.commandsIn(this.guildId),
      all: [...this.world.commands],
    };
  }
  get botMessages(): readonly RecordedMessage[] {
    return this.world.botMessages;
  }
  get identifyCount(): number {
    return this.gateway.identifyCount;
  }
  get resumeCount(): number {
    return this.gateway.resumeCount;
  }
  get heartbeatCount(): number {
    return this.gateway.heartbeatCount;
  }
  get connectionCount(): number {
    return this.gateway.connectionCount;
  }
  /** Query strings of the gateway connections (`v`, `encoding`, `compress`?). */
  get gatewayConnectQueries(): readonly Record<string, string>[] {
    return this.gateway.connectQueries;
  }
  get ackHeartbeats(): boolean {
    return this.gateway.ackHeartbeats;
  }
  set ackHeartbeats(value: boolean) {
    this.gateway.ackHeartbeats = value;
  }
  /** A stored message (user's or bot's) by id. */
  message(id: string): JsonObject | undefined {
    return this.world.messages.get(id);
  }

  callbacks(handle: InteractionHandle): readonly RecordedCallback[] {
    return this.state(handle).callbacks;
  }
  edits(handle: InteractionHandle): readonly RecordedEdit[] {
    return this.state(handle).edits;
  }
  followUps(handle: InteractionHandle): readonly RecordedMessage[] {
    return this.state(handle).followUps;
  }
  /** The interaction's `@original` message as it is now (undefined before a response). */
  originalMessage(handle: InteractionHandle): JsonObject | undefined {
    const id = this.state(handle).originalMessageId;
    return id ? this.world.messages.get(id) : undefined;
  }

  // ---- world ----------------------------------------------------------------------------------

  /** Adds a guild member (GUILD_MEMBER_ADD goes to sessions with the GUILD_MEMBERS intent). */
  createUser(opts: { username: string; globalName?: string; manageGuild?: boolean; bot?: boolean; roleIds?: string[] }): EmulatedUser {
    const roleIds = [...(opts.roleIds ?? []), ...(opts.manageGuild ? [this.world.moderatorRoleId] : [])];
    const user = this.world.addUser({
      username: opts.username,
      globalName: opts.globalName ?? null,
      bot: opts.bot ?? false,
      roleIds,
    });
    const d = { ...memberJSON(user, iso()), guild_id: this.guildId };
    this.gateway.dispatch('GUILD_MEMBER_ADD', d, (s) => (s.intents & Intent.GuildMembers ? d : null));
    return user;
  }

  /** Raw gateway dispatch to every client session; returns how many sessions got it. */
  dispatch(t: string, d: JsonObject): number {
    return this.gateway.dispatch(t, d);
  }

  // ---- interactions ---------------------------------------------------------------------------

  sendSlashCommand(opts: SlashCommandOptions): InteractionHandle {
    return this.sendInteraction({
      type: 2,
      data: this.commandData(opts),
      ...(opts.user ? { user: opts.user } : {}),
      ...(opts.channelId ? { channelId: opts.channelId } : {}),
      ...(opts.locale ? { locale: opts.locale } : {}),
    });
  }

  pressButton(opts: ComponentOptions): InteractionHandle {
    return this.component(opts, { custom_id: opts.customId, component_type: 2 });
  }

  selectMenu(opts: ComponentOptions & { values: string[] }): InteractionHandle {
    return this.component(opts, { custom_id: opts.customId, component_type: 3, values: opts.values });
  }

  sendInteraction(opts: InteractionOptions): InteractionHandle {
    this.requireSession('INTERACTION_CREATE');
    const { world } = this;
    const user = opts.user ?? this.users.bob;
    const channelId = opts.channelId ?? (opts.message ? String(opts.message.channel_id) : this.channelId);
    const channel = world.channels.get(channelId);
    if (!channel) throw new Error(`[discord-emulator] unknown channel ${channelId}`);
    const id = world.ids.next();
    const token = `emu-interaction-token-${id}-${Math.random().toString(36).slice(2, 12)}`;
    const locale = opts.locale ?? 'en-US';
    const payload: JsonObject = {
      id,
      application_id: this.applicationId,
      type: opts.type,
      token,
      version: 1,
      data: opts.data,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: { ...channelJSON(channel, this.guildId), permissions: user.permissions.toString() },
      member: { ...memberJSON(user, world.guild.joinedAt), permissions: user.permissions.toString() },
      app_permissions: this.botUser.permissions.toString(),
      locale,
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
      ...(opts.message ? { message: opts.message } : {}),
    };
    const handle: InteractionHandle = {
      id,
      token,
      type: opts.type,
      sentAt: Date.now(),
      channelId,
      userId: user.id,
      payload,
    };
    world.interactions.set(token, {
      handle,
      componentMessageId: opts.message ? String(opts.message.id) : null,
      originalMessageId: null,
      callbacks: [],
      edits: [],
      followUps: [],
    });
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return handle;
  }

  // ---- messages -------------------------------------------------------------------------------

  sendMessage(opts: SendMessageOptions): MessageHandle {
    this.requireSession('MESSAGE_CREATE');
    const { world } = this;
    const author = opts.author ?? this.users.bob;
    const channelId = opts.channelId ?? this.channelId;
    const channel = world.channels.get(channelId);
    if (!channel) throw new Error(`[discord-emulator] unknown channel ${channelId}`);
    const botId = this.botUser.id;
    let content = opts.content;
    if (opts.mentionsBot === true && !mentionedUserIds(content).includes(botId)) content = `${this.botUser.mention} ${content}`;
    const referenced = opts.replyTo ? world.messages.get(opts.replyTo) : undefined;
    if (opts.replyTo && !referenced) throw new Error(`[discord-emulator] replyTo: unknown message ${opts.replyTo}`);
    const mentionIds = mentionedUserIds(content);
    const repliedAuthor = referenced?.author?.id as string | undefined;
    if (repliedAuthor && !mentionIds.includes(repliedAuthor)) mentionIds.push(repliedAuthor);
    const mentions = mentionIds
      .filter((id) => !(opts.mentionsBot === false && id === botId))
      .map((id) => world.user(id))
      .filter((u): u is EmulatedUser => u !== undefined)
      .map((u) => ({ ...userJSON(u), member: memberJSON(u, world.guild.joinedAt, false) }));
    const id = world.ids.next();
    const message: JsonObject = {
      id,
      type: referenced ? 19 : 0,
      channel_id: channelId,
      guild_id: this.guildId,
      channel_type: channel.type,
      author: userJSON(author),
      member: memberJSON(author, world.guild.joinedAt, false),
      content,
      timestamp: iso(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions,
      mention_roles: mentionedRoleIds(content),
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
      nonce: id,
      ...(referenced
        ? {
            message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, guild_id: this.guildId },
            referenced_message: referenced,
          }
        : {}),
    };
    world.storeMessage(message);
    const sentAt = Date.now();
    const dispatchedTo = this.gateway.dispatch('MESSAGE_CREATE', message, (s) => messageForSession(s, message, botId));
    return { id, channelId, sentAt, message, dispatchedTo };
  }

  // ---- waiting --------------------------------------------------------------------------------

  /**
   * Resolves with `check()`'s first value that is not undefined/null/false; re-checked on every
   * emulator event and every 20 ms, so it may watch client-side state too. A check that throws
   * counts as "not yet" (its last error is shown on timeout).
   */
  waitFor<T>(check: Check<T>, description: string, opts: WaitOptions = {}): Promise<T> {
    return this.waiters.waitFor(check, description, opts.timeoutMs ?? this.defaultTimeoutMs);
  }

  /** The interaction's first callback (whatever its status). */
  waitForCallback(handle: InteractionHandle, opts: WaitOptions = {}): Promise<RecordedCallback> {
    const st = this.state(handle);
    return this.waitFor(() => st.callbacks[0], `the callback of ${label(handle)}`, opts);
  }

  /** The latest edit of the interaction's `@original` message matching `predicate` (any edit without one). */
  waitForEdit(handle: InteractionHandle, predicate?: (edit: RecordedEdit) => boolean, opts: WaitOptions = {}): Promise<RecordedEdit> {
    const st = this.state(handle);
    return this.waitFor(
      () => st.edits.filter((e) => e.target === 'original' && (!predicate || predicate(e))).at(-1),
      `an edit of the @original message of ${label(handle)}${predicate ? ' matching the predicate' : ''}`,
      opts,
    );
  }

  /** The first follow-up of the interaction matching `predicate`. */
  waitForFollowUp(
    handle: InteractionHandle,
    predicate?: (message: RecordedMessage) => boolean,
    opts: WaitOptions = {},
  ): Promise<RecordedMessage> {
    const st = this.state(handle);
    return this.waitFor(
      () => st.followUps.find((m) => !predicate || predicate(m)),
      `a follow-up of ${label(handle)}${predicate ? ' matching the predicate' : ''}`,
      opts,
    );
  }

  /** The first `POST /channels/{id}/messages` of the bot matching (received at/after `since`). */
  waitForChannelMessage(predicate?: (message: RecordedMessage) => boolean, opts: ChannelMessageWaitOptions = {}): Promise<RecordedMessage> {
    const since = opts.since ?? 0;
    return this.waitFor(
      () =>
        this.world.botMessages.find(
          (m) =>
            m.via === 'channel' &&
            m.receivedAt >= since &&
            (!opts.channelId || m.channelId === opts.channelId) &&
            (!predicate || predicate(m)),
        ),
      `a channel message from the bot${opts.channelId ? ` in ${opts.channelId}` : ''}${predicate ? ' matching the predicate' : ''}`,
      opts,
    );
  }

  /** The bot's channel message replying (`message_reference`) to `handle`'s message. */
  waitForReply(handle: MessageHandle, opts: WaitOptions = {}): Promise<RecordedMessage> {
    return this.waitFor(
      () => this.world.botMessages.find((m) => m.via === 'channel' && m.body.message_reference?.message_id === handle.id),
      `a reply to message ${handle.id}`,
      opts,
    );
  }

  /** The first recorded REST request matching. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, opts: WaitOptions = {}): Promise<RecordedRequest> {
    return this.waitFor(() => this.world.requests.find(predicate), 'a REST request matching the predicate', opts);
  }

  waitForIdentify(count = 1, opts: WaitOptions = {}): Promise<true> {
    return this.waitFor(() => this.gateway.identifyCount >= count, `${count} IDENTIFY(s)`, opts);
  }

  waitForResume(count = 1, opts: WaitOptions = {}): Promise<true> {
    return this.waitFor(() => this.gateway.resumeCount >= count, `${count} RESUME(s)`, opts);
  }

  // ---- faults ---------------------------------------------------------------------------------

  failNext(spec: FaultSpec): FaultHandle {
    return this.faults.add(spec);
  }

  rateLimitNext(opts: { method?: string; pathPattern: RegExp; retryAfter?: number; global?: boolean; times?: number }): FaultHandle {
    const retryAfter = opts.retryAfter ?? 1;
    const { headers, body } = rateLimitResponse(retryAfter, opts.global ?? false);
    headers['retry-after'] = String(retryAfter);
    return this.faults.add({
      ...(opts.method ? { method: opts.method } : {}),
      pathPattern: opts.pathPattern,
      status: 429,
      headers,
      body,
      ...(opts.times !== undefined ? { times: opts.times } : {}),
    });
  }

  /** Closes every gateway socket with `code` (default 4000: the client RESUMEs). Resolves when closed. */
  dropGateway(code = 4000): Promise<number> {
    return this.gateway.drop(code);
  }

  /**
   * A gateway outage: open sockets are closed with 4000 and new connections refused (503) until
   * `restoreGateway()`; the client keeps retrying and RESUMEs once it can connect again.
   */
  async gatewayOutage(): Promise<number> {
    this.gateway.acceptConnections = false;
    return this.gateway.drop(4000, 'discord-emulator: outage');
  }

  restoreGateway(): void {
    this.gateway.acceptConnections = true;
  }

  /** Sends RECONNECT (op 7); the client closes and RESUMEs. */
  reconnectGateway(): number {
    return this.gateway.requestReconnect();
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /** Terminates gateway sockets and HTTP connections, stops the server. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiters.close('the emulator was closed');
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Human-readable summary of recent activity (used in timeout errors). */
  describeRecent(limit = 15): string {
    const now = Date.now();
    const reqs = this.world.requests.slice(-limit);
    const lines = [`Recent REST requests (${reqs.length} of ${this.world.requests.length}):`];
    for (const r of reqs) {
      const body = r.body === undefined ? '' : ` ${truncate(JSON.stringify(r.body), 160)}`;
      const files = r.files.length ? ` +${r.files.length} file(s)` : '';
      lines.push(
        `  [-${((now - r.receivedAt) / 1000).toFixed(2)}s] ${r.method} ${r.path} → ${r.status}${r.faulted ? ' (injected)' : ''}${body}${files}`,
      );
    }
    if (reqs.length === 0) lines.push('  (none)');
    lines.push(this.gateway.describe());
    const interactions = [...this.world.interactions.values()].slice(-5);
    if (interactions.length) {
      lines.push('Recent interactions:');
      for (const st of interactions) {
        const cbs = st.callbacks.map((c) => `${c.type}→${c.status}`).join(',') || 'none';
        lines.push(
          `  ${label(st.handle)} [-${((now - st.handle.sentAt) / 1000).toFixed(2)}s]: callbacks=${cbs} edits=${st.edits.length} followUps=${st.followUps.length}`,
        );
      }
    }
    lines.push(`Emulator up ${((now - this.startedAt) / 1000).toFixed(1)}s on ${this.apiUrl}`);
    return lines.join('\n');
  }

  // ---- internals ------------------------------------------------------------------------------

  private state(handle: InteractionHandle): InteractionState {
    const st = this.world.interactions.get(handle.token);
    if (!st) throw new Error(`[discord-emulator] unknown interaction handle ${handle.id}`);
    return st;
  }

  private requireSession(what: string): void {
    if (this.closed) throw new Error(`[discord-emulator] closed: cannot send ${what}`);
    if (this.gateway.activeSessions().length === 0) {
      throw new Error(
        `[discord-emulator] no gateway session to send ${what} to: log a client in first (and await its clientReady).\n${this.gateway.describe()}`,
      );
    }
  }

  private component(opts: ComponentOptions, data: JsonObject): InteractionHandle {
    const message = this.componentMessage(opts.customId, opts.messageId, Number(data.component_type));
    return this.sendInteraction({
      type: 3,
      data,
      message,
      ...(opts.user ? { user: opts.user } : {}),
      ...(opts.locale ? { locale: opts.locale } : {}),
    });
  }

  private componentMessage(customId: string, messageId: string | undefined, componentType: number): JsonObject {
    const { world } = this;
    if (messageId) {
      const message = world.messages.get(messageId);
      if (!message) throw new Error(`[discord-emulator] pressButton: unknown message ${messageId}`);
      return message;
    }
    const found = [...world.messages.values()]
      .reverse()
      .find((m) => m.author?.id === this.botUser.id && hasCustomId(m.components, customId));
    if (found) return found;
    // No bot message carries it: synthesize one, as if the bot had posted it earlier.
    const component =
      componentType === 2
        ? { type: 2, style: 1, label: customId, custom_id: customId }
        : { type: componentType, custom_id: customId, options: [] };
    const message: JsonObject = {
      id: world.ids.next(),
      type: 0,
      channel_id: this.channelId,
      author: userJSON(this.botUser),
      content: '',
      timestamp: iso(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [{ type: 1, components: [component] }],
      pinned: false,
      flags: 0,
    };
    world.storeMessage(message);
    return message;
  }

  private commandData(opts: SlashCommandOptions): JsonObject {
    const def = this.world.findCommand(opts.name);
    const where = `command /${opts.name}`;
    let defs: JsonObject[] | undefined = def ? ((def.options as JsonObject[] | undefined) ?? []) : undefined;
    const pick = (name: string, type: number, kind: string): void => {
      if (!defs) return;
      const found = defs.find((o) => o.name === name && o.type === type);
      if (!found)
        throw new Error(
          `[discord-emulator] ${where} has no ${kind} "${name}" (registered: ${defs.map((o) => o.name).join(', ') || 'none'})`,
        );
      defs = (found.options as JsonObject[] | undefined) ?? [];
    };
    if (opts.subcommandGroup) pick(opts.subcommandGroup, COMMAND_OPTION_TYPE.SubCommandGroup, 'subcommand group');
    if (opts.subcommand) pick(opts.subcommand, COMMAND_OPTION_TYPE.SubCommand, 'subcommand');

    const resolved: Record<string, Record<string, JsonObject>> = {};
    const addResolved = (kind: string, id: string, value: JsonObject): void => {
      (resolved[kind] ??= {})[id] = value;
    };
    const values = opts.options ?? {};
    const leaf = Object.entries(values).map(([name, value]) => {
      const optDef = defs?.find((o) => o.name === name);
      if (defs && !optDef) {
        throw new Error(
          `[discord-emulator] ${where} has no option "${name}" (registered: ${defs.map((o) => o.name).join(', ') || 'none'})`,
        );
      }
      const type = Number(optDef?.type ?? inferOptionType(value));
      const id = String(value);
      if (type === COMMAND_OPTION_TYPE.User || type === COMMAND_OPTION_TYPE.Mentionable) {
        const user = this.world.user(id);
        if (user) {
          addResolved('users', id, userJSON(user));
          const { user: _u, ...member } = memberJSON(user, this.world.guild.joinedAt);
          addResolved('members', id, { ...member, permissions: user.permissions.toString() });
        }
      }
      if (type === COMMAND_OPTION_TYPE.Role || type === COMMAND_OPTION_TYPE.Mentionable) {
        const role = this.world.roles.find((r) => r.id === id);
        if (role) addResolved('roles', id, roleJSON(role));
      }
      if (type === COMMAND_OPTION_TYPE.Channel) {
        const channel = this.world.channels.get(id);
        if (channel) {
          const c = channelJSON(channel, this.guildId);
          addResolved('channels', id, {
            id,
            name: c.name,
            type: c.type,
            parent_id: c.parent_id,
            permissions: Perm.ViewChannel.toString(),
            ...(channel.type === ChannelType.PublicThread ? { thread_metadata: c.thread_metadata } : {}),
          });
        }
      }
      return { name, type, value };
    });
    for (const [name, file] of Object.entries(opts.attachments ?? {})) {
      const id = this.world.ids.next();
      addResolved('attachments', id, {
        id,
        filename: file.filename,
        size: file.size,
        url: file.url,
        proxy_url: file.url,
        ...(file.contentType ? { content_type: file.contentType } : {}),
      });
      leaf.push({ name, type: COMMAND_OPTION_TYPE.Attachment, value: id });
    }
    const missing = (defs ?? [])
      .filter((o) => o.required && !(String(o.name) in values) && !(String(o.name) in (opts.attachments ?? {})))
      .map((o) => o.name);
    if (missing.length) throw new Error(`[discord-emulator] ${where}: missing required option(s) ${missing.join(', ')}`);

    let options: JsonObject[] = leaf;
    if (opts.subcommand) options = [{ name: opts.subcommand, type: COMMAND_OPTION_TYPE.SubCommand, options }];
    if (opts.subcommandGroup) options = [{ name: opts.subcommandGroup, type: COMMAND_OPTION_TYPE.SubCommandGroup, options }];
    return {
      id: def?.id ?? this.world.ids.next(),
      name: opts.name,
      type: 1,
      options,
      ...(def?.guild_id ? { guild_id: def.guild_id } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
    };
  }
}

/** Starts an emulator on a random 127.0.0.1 port. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const emu = new DiscordEmulator(options);
  await emu.listen();
  return emu;
}

function inferOptionType(value: OptionValue): number {
  if (typeof value === 'boolean') return COMMAND_OPTION_TYPE.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? COMMAND_OPTION_TYPE.Integer : COMMAND_OPTION_TYPE.Number;
  return COMMAND_OPTION_TYPE.String;
}

function hasCustomId(node: unknown, customId: string): boolean {
  if (Array.isArray(node)) return node.some((n) => hasCustomId(n, customId));
  if (typeof node !== 'object' || node === null) return false;
  const obj = node as JsonObject;
  if (obj.custom_id === customId) return true;
  return hasCustomId(obj.components, customId) || hasCustomId(obj.accessory, customId) || hasCustomId(obj.component, customId);
}

function label(handle: InteractionHandle): string {
  const data = handle.payload.data as JsonObject;
  if (handle.type === 2) return `/${String(data.name)} (interaction ${handle.id})`;
  if (handle.type === 3) return `component "${String(data.custom_id)}" (interaction ${handle.id})`;
  return `interaction type ${handle.type} (${handle.id})`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
