/**
 * REST API v10 over plain `node:http`, mounted under `/api/v10` (also `/api/v9` and `/api`).
 *
 * Bodies may be JSON or multipart/form-data (`payload_json` + `files[n]`); both are parsed
 * and recorded. Every request, known or not, ends up in `world.requests`. Faults queued with
 * `Faults.add` answer matching requests before routing. Routes marked `auth` require
 * `Authorization: Bot <token>` (401 otherwise), as Discord does; interaction callbacks and
 * interaction webhooks are unauthenticated, as in discord.js (`auth: false`).
 *
 * Responses are uncompressed JSON with no rate-limit headers (so discord.js never limits
 * itself) except for injected 429s.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelType, applicationJSON, channelJSON, guildCreateJSON, memberJSON, roleJSON, userJSON } from './payloads';
import { messageForSession, type Gateway } from './gateway';
import type { FaultHandle, FaultSpec, JsonObject, RecordedCallback, RecordedFile, RecordedMessage, RecordedRequest } from './types';
import { MessageFlag, type InteractionState, type World } from './world';

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: JsonObject | undefined;
  rawBody: unknown;
  files: RecordedFile[];
  receivedAt: number;
}

interface Route {
  method: string;
  template: string;
  segments: string[];
  auth: boolean;
  handler: (ctx: RouteContext) => RestResult;
}

export interface RestOptions {
  world: World;
  gateway: Gateway;
  faults: Faults;
  gatewayUrl: () => string;
  /** Called after every recorded request (wakes the waiters). */
  onActivity: () => void;
  /** Initial interaction response deadline (Discord: 3 s). */
  callbackDeadlineMs: number;
  /** Dispatch MESSAGE_CREATE/UPDATE/DELETE for the bot's own non-ephemeral messages, as Discord does. */
  echoBotMessages: boolean;
}

// ---- faults ---------------------------------------------------------------------------------

interface FaultRule extends FaultSpec {
  hits: number;
  remaining: number;
}

export class Faults {
  private readonly rules: FaultRule[] = [];

  add(spec: FaultSpec): FaultHandle {
    const rule: FaultRule = { ...spec, hits: 0, remaining: spec.times ?? 1 };
    this.rules.push(rule);
    const rules = this.rules;
    return {
      get hits() {
        return rule.hits;
      },
      get remaining() {
        return rule.remaining;
      },
      cancel() {
        rule.remaining = 0;
        const i = rules.indexOf(rule);
        if (i >= 0) rules.splice(i, 1);
      },
    };
  }

  /** Consumes the first matching rule, if any. */
  take(method: string, path: string): (RestResult & { afterApplying: boolean }) | null {
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      rule.pathPattern.lastIndex = 0;
      if (!rule.pathPattern.test(path)) continue;
      rule.remaining--;
      rule.hits++;
      if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      return {
        status: rule.status,
        headers: rule.headers ?? {},
        body: rule.body === undefined ? defaultErrorBody(rule.status) : rule.body,
        afterApplying: rule.afterApplying ?? false,
      };
    }
    return null;
  }
}

function defaultErrorBody(status: number): unknown {
  if (status === 429) return { message: 'You are being rate limited.', retry_after: 1, global: false };
  return { message: `${status}: emulated failure`, code: 0 };
}

/** A 429 exactly as Discord sends it (headers and body). */
export function rateLimitResponse(retryAfter: number, global: boolean): { headers: Record<string, string>; body: unknown } {
  const resetAfter = retryAfter.toFixed(3);
  return {
    headers: {
      'retry-after': String(Math.ceil(retryAfter)),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter,
      'x-ratelimit-scope': global ? 'global' : 'user',
      ...(global ? { 'x-ratelimit-global': 'true' } : { 'x-ratelimit-bucket': 'emulated-bucket' }),
    },
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global, ...(global ? { code: 0 } : {}) },
  };
}

// ---- errors ---------------------------------------------------------------------------------

const err = (status: number, message: string, code: number): RestResult => ({ status, body: { message, code } });
const UNKNOWN_CHANNEL = err(404, 'Unknown Channel', 10003);
const UNKNOWN_MESSAGE = err(404, 'Unknown Message', 10008);
const UNKNOWN_WEBHOOK = err(404, 'Unknown Webhook', 10015);
const UNKNOWN_INTERACTION = err(404, 'Unknown interaction', 10062);
const UNKNOWN_COMMAND = err(404, 'Unknown application command', 10063);
const ALREADY_ACKNOWLEDGED = err(400, 'Interaction has already been acknowledged.', 40060);
const EMPTY_MESSAGE = err(400, 'Cannot send an empty message', 50006);
const UNAUTHORIZED = err(401, '401: Unauthorized', 0);
const NOT_FOUND = err(404, '404: Not Found', 0);
const ok = (body: unknown, status = 200): RestResult => ({ status, body });
const noContent: RestResult = { status: 204 };

// ---- the handler ----------------------------------------------------------------------------

export function createRestHandler(opts: RestOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = buildRoutes(opts);
  let seq = 0;

  return (req, res) => {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      void (async () => {
        const method = (req.method ?? 'GET').toUpperCase();
        const rawUrl = req.url ?? '/';
        const url = new URL(rawUrl, 'http://127.0.0.1');
        const api = /^\/api(?:\/v\d+)?(?=\/|$)/.exec(url.pathname);
        const path = api ? decodePath(url.pathname.slice(api[0].length) || '/') : decodePath(url.pathname);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (k !== 'authorization' && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        const record: RecordedRequest = {
          seq: ++seq,
          method,
          path,
          rawUrl,
          query: Object.fromEntries(url.searchParams),
          headers,
          authorized: req.headers.authorization !== undefined,
          body: undefined,
          files: [],
          status: 0,
          response: undefined,
          faulted: false,
          route: null,
          receivedAt,
        };

        let result: RestResult;
        try {
          const parsed = await parseBody(Buffer.concat(chunks), req.headers['content-type']);
          record.body = parsed.body;
          record.files = parsed.files;
          const fault = api ? opts.faults.take(method, path) : null;
          if (!api) {
            result = NOT_FOUND;
          } else if (fault && !fault.afterApplying) {
            record.faulted = true;
            result = fault;
          } else {
            const match = matchRoute(routes, method, path);
            if (!match) {
              result = NOT_FOUND;
            } else {
              record.route = `${match.route.method} ${match.route.template}`;
              if (match.route.auth && req.headers.authorization !== `Bot ${opts.world.token}`) {
                result = UNAUTHORIZED;
              } else {
                result = match.route.handler({
                  params: match.params,
                  query: url.searchParams,
                  body: isObject(parsed.body) ? parsed.body : undefined,
                  rawBody: parsed.body,
                  files: parsed.files,
                  receivedAt,
                });
              }
            }
          }
          if (fault?.afterApplying) {
            record.faulted = true;
            result = { status: fault.status, headers: fault.headers ?? {}, body: fault.body };
          }
        } catch (error) {
          result = {
            status: 500,
            body: { message: `discord-emulator internal error: ${(error as Error).stack ?? String(error)}`, code: 0 },
          };
        }

        record.status = result.status;
        record.response = result.body;
        opts.world.requests.push(record);
        const payload = result.status === 204 || result.body === undefined ? '' : JSON.stringify(result.body);
        res.writeHead(result.status, {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          'content-length': String(Buffer.byteLength(payload)),
          via: 'discord-emulator',
          ...result.headers,
        });
        res.end(payload);
        opts.onActivity();
      })();
    });
  };
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<{ body: JsonObject | undefined; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: JsonObject | undefined;
    const files: RecordedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as JsonObject;
        continue;
      }
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field, name: value.name, contentType: value.type, size: data.length, data });
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text) as JsonObject, files: [] };
  } catch {
    return { body: { _unparsed: text }, files: [] };
  }
}

function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | null {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < segments.length; i++) {
      const want = route.segments[i] as string;
      const got = segments[i] as string;
      if (want.startsWith(':')) params[want.slice(1)] = got;
      else if (want !== got) {
        matched = false;
        break;
      }
    }
    if (matched) return { route, params };
  }
  return null;
}

// ---- routes ---------------------------------------------------------------------------------

function buildRoutes(opts: RestOptions): Route[] {
  const { world, gateway } = opts;
  const routes: Route[] = [];
  const add = (method: string, template: string, auth: boolean, handler: (ctx: RouteContext) => RestResult): void => {
    routes.push({ method, template, segments: template.split('/').filter(Boolean), auth, handler });
  };

  const isEphemeral = (message: JsonObject): boolean => (Number(message.flags) & MessageFlag.Ephemeral) !== 0;
  const echo = (t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: JsonObject): void => {
    if (!opts.echoBotMessages || isEphemeral(message)) return;
    const d = { ...message, guild_id: world.guild.id, member: memberJSON(world.botUser, world.guild.joinedAt, false) };
    gateway.dispatch(t, d, (session) => messageForSession(session, d, world.botUser.id));
  };
  const echoDelete = (message: JsonObject): void => {
    if (!opts.echoBotMessages || isEphemeral(message)) return;
    const d = { id: message.id, channel_id: message.channel_id, guild_id: world.guild.id };
    gateway.dispatch('MESSAGE_DELETE', d, (session) => messageForSession(session, d, world.botUser.id) && d);
  };
  const hasMessageContent = (body: JsonObject | undefined, files: RecordedFile[]): boolean =>
    Boolean(
      body &&
      ((typeof body.content === 'string' && body.content.length > 0) ||
        (Array.isArray(body.embeds) && body.embeds.length > 0) ||
        (Array.isArray(body.components) && body.components.length > 0) ||
        (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
        body.poll),
    ) || files.length > 0;
  const recordBotMessage = (
    via: RecordedMessage['via'],
    message: JsonObject,
    ctx: RouteContext,
    interaction?: InteractionState,
  ): RecordedMessage => {
    const rec: RecordedMessage = {
      id: String(message.id),
      channelId: String(message.channel_id),
      via,
      body: ctx.body ?? {},
      message,
      files: ctx.files,
      receivedAt: ctx.receivedAt,
      ...(interaction ? { interactionId: interaction.handle.id } : {}),
    };
    world.botMessages.push(rec);
    return rec;
  };

  // -- gateway, users, application
  add('GET', '/gateway', false, () => ok({ url: opts.gatewayUrl() }));
  add('GET', '/gateway/bot', true, () =>
    ok({
      url: opts.gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    }),
  );
  add('GET', '/users/@me', true, () => ok({ ...userJSON(world.botUser), verified: true, mfa_enabled: false, flags: 0 }));
  add('GET', '/users/:userId', true, ({ params }) => {
    const user = world.user(params.userId as string);
    return user ? ok(userJSON(user)) : err(404, 'Unknown User', 10013);
  });
  const application = (): RestResult => ok(applicationJSON(world.applicationId, world.botUser, world.guild.ownerId));
  add('GET', '/applications/@me', true, application);
  add('GET', '/oauth2/applications/@me', true, application);

  // -- application commands (global and guild)
  for (const scope of ['global', 'guild'] as const) {
    const base = scope === 'global' ? '/applications/:appId/commands' : '/applications/:appId/guilds/:guildId/commands';
    const guildOf = (p: Record<string, string>): string | null => (scope === 'guild' ? (p.guildId as string) : null);
    const badApp = (p: Record<string, string>): boolean => p.appId !== world.applicationId;
    add('GET', base, true, ({ params }) => (badApp(params) ? NOT_FOUND : ok(world.commandsIn(guildOf(params)))));
    add('PUT', base, true, ({ params, rawBody }) => {
      if (badApp(params)) return NOT_FOUND;
      if (!Array.isArray(rawBody)) return err(400, 'Invalid Form Body', 50035);
      return ok(world.replaceCommands(guildOf(params), rawBody as JsonObject[]));
    });
    add('POST', base, true, ({ params, body }) => {
      if (badApp(params)) return NOT_FOUND;
      if (!body?.name) return err(400, 'Invalid Form Body', 50035);
      const { command, created } = world.upsertCommand(guildOf(params), body);
      return ok(command, created ? 201 : 200);
    });
    const one = (params: Record<string, string>) => world.commandsIn(guildOf(params)).find((c) => c.id === params.commandId);
    add('GET', `${base}/:commandId`, true, ({ params }) => {
      const command = one(params);
      return command ? ok(command) : UNKNOWN_COMMAND;
    });
    add('PATCH', `${base}/:commandId`, true, ({ params, body }) => {
      const command = one(params);
      if (!command) return UNKNOWN_COMMAND;
      return ok(world.upsertCommand(guildOf(params), { ...command, ...body, name: body?.name ?? command.name }).command);
    });
    add('DELETE', `${base}/:commandId`, true, ({ params }) => {
      const command = one(params);
      if (!command) return UNKNOWN_COMMAND;
      world.commands.splice(world.commands.indexOf(command), 1);
      return noContent;
    });
  }

  // -- interaction callback
  add('POST', '/interactions/:interactionId/:token/callback', false, (ctx) => {
    const st = world.interactions.get(ctx.params.token as string);
    if (!st || st.handle.id !== ctx.params.interactionId) return UNKNOWN_INTERACTION;
    const body = ctx.body ?? {};
    const type = Number(body.type);
    const record: RecordedCallback = {
      type,
      body,
      data: isObject(body.data) ? body.data : {},
      files: ctx.files,
      receivedAt: ctx.receivedAt,
      latencyMs: ctx.receivedAt - st.handle.sentAt,
      status: 0,
    };
    st.callbacks.push(record);
    let result: RestResult;
    if (st.callbacks.some((c) => c !== record && c.status < 300)) {
      result = ALREADY_ACKNOWLEDGED;
    } else if (record.latencyMs > opts.callbackDeadlineMs) {
      result = UNKNOWN_INTERACTION;
    } else {
      result = applyCallback(st, type, record.data, ctx);
    }
    record.status = result.status;
    return result;
  });

  const applyCallback = (st: InteractionState, type: number, data: JsonObject, ctx: RouteContext): RestResult => {
    let message: JsonObject | undefined;
    switch (type) {
      case 4: // CHANNEL_MESSAGE_WITH_SOURCE
      case 5: {
        // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: a "thinking…" message (flag LOADING)
        if (type === 4 && !hasMessageContent(data, ctx.files)) return EMPTY_MESSAGE;
        message = world.createBotMessage({
          channelId: st.handle.channelId,
          body: data,
          files: ctx.files,
          interaction: st,
          ...(type === 5 ? { extraFlags: MessageFlag.Loading } : {}),
        });
        st.originalMessageId = String(message.id);
        recordBotMessage('interaction', message, { ...ctx, body: data }, st);
        echo('MESSAGE_CREATE', message);
        break;
      }
      case 6: // DEFERRED_UPDATE_MESSAGE
      case 7: {
        // UPDATE_MESSAGE
        if (!st.componentMessageId) return err(400, 'Interaction is not a component interaction', 40060);
        st.originalMessageId = st.componentMessageId;
        if (type === 7) {
          message = world.editMessage(st.componentMessageId, data, ctx.files);
          echo('MESSAGE_UPDATE', message);
        } else {
          message = world.messages.get(st.componentMessageId);
        }
        break;
      }
      default:
        break; // 1 PONG, 8 autocomplete result, 9 modal, 10 premium, 12 launch activity: recorded only
    }
    if (ctx.query.get('with_response') !== 'true') return noContent;
    return ok({
      interaction: {
        id: st.handle.id,
        type: st.handle.type,
        activity_instance_id: null,
        response_message_id: message?.id ?? null,
        response_message_loading: type === 5,
        response_message_ephemeral: message ? isEphemeral(message) : false,
      },
      resource: { type, ...(message ? { message } : {}) },
    });
  };

  // -- interaction webhooks
  const interactionFor = (params: Record<string, string>): InteractionState | null =>
    params.appId === world.applicationId ? (world.interactions.get(params.token as string) ?? null) : null;
  /** Resolves `@original` or an id to a message of this interaction. */
  const webhookMessage = (st: InteractionState, ref: string): { id: string; target: 'original' | 'followUp' } | null => {
    if (ref === '@original') return st.originalMessageId ? { id: st.originalMessageId, target: 'original' } : null;
    if (ref === st.originalMessageId || ref === st.componentMessageId) return { id: ref, target: 'original' };
    if (st.followUps.some((f) => f.id === ref)) return { id: ref, target: 'followUp' };
    return null;
  };

  add('POST', '/webhooks/:appId/:token', false, (ctx) => {
    const st = interactionFor(ctx.params);
    if (!st) return UNKNOWN_WEBHOOK;
    if (!hasMessageContent(ctx.body, ctx.files)) return EMPTY_MESSAGE;
    const threadId = ctx.query.get('thread_id');
    const message = world.createBotMessage({
      channelId: threadId ?? st.handle.channelId,
      body: ctx.body ?? {},
      files: ctx.files,
      interaction: st,
    });
    st.followUps.push(recordBotMessage('followUp', message, ctx, st));
    echo('MESSAGE_CREATE', message);
    return ctx.query.get('wait') === 'true' ? ok(message) : noContent;
  });
  add('GET', '/webhooks/:appId/:token/messages/:messageId', false, ({ params }) => {
    const st = interactionFor(params);
    if (!st) return UNKNOWN_WEBHOOK;
    const target = webhookMessage(st, params.messageId as string);
    const message = target && world.messages.get(target.id);
    return message ? ok(message) : UNKNOWN_MESSAGE;
  });
  add('PATCH', '/webhooks/:appId/:token/messages/:messageId', false, (ctx) => {
    const st = interactionFor(ctx.params);
    if (!st) return UNKNOWN_WEBHOOK;
    const target = webhookMessage(st, ctx.params.messageId as string);
    if (!target || !world.messages.has(target.id)) return UNKNOWN_MESSAGE;
    const message = world.editMessage(target.id, ctx.body ?? {}, ctx.files);
    st.edits.push({
      messageId: target.id,
      target: target.target,
      body: ctx.body ?? {},
      message,
      files: ctx.files,
      receivedAt: ctx.receivedAt,
    });
    echo('MESSAGE_UPDATE', message);
    return ok(message);
  });
  add('DELETE', '/webhooks/:appId/:token/messages/:messageId', false, ({ params }) => {
    const st = interactionFor(params);
    if (!st) return UNKNOWN_WEBHOOK;
    const target = webhookMessage(st, params.messageId as string);
    const message = target && world.messages.get(target.id);
    if (!target || !message) return UNKNOWN_MESSAGE;
    world.messages.delete(target.id);
    echoDelete(message);
    return noContent;
  });

  // -- channels and messages
  const channelOr404 = (id: string) => world.channels.get(id);
  add('GET', '/channels/:channelId', true, ({ params }) => {
    const channel = channelOr404(params.channelId as string);
    return channel ? ok(channelJSON(channel, world.guild.id)) : UNKNOWN_CHANNEL;
  });
  add('POST', '/channels/:channelId/messages', true, (ctx) => {
    const channel = channelOr404(ctx.params.channelId as string);
    if (!channel) return UNKNOWN_CHANNEL;
    if (!hasMessageContent(ctx.body, ctx.files)) return EMPTY_MESSAGE;
    const message = world.createBotMessage({ channelId: channel.id, body: ctx.body ?? {}, files: ctx.files });
    recordBotMessage('channel', message, ctx);
    echo('MESSAGE_CREATE', message);
    return ok(message);
  });
  add('GET', '/channels/:channelId/messages', true, ({ params, query }) => {
    if (!channelOr404(params.channelId as string)) return UNKNOWN_CHANNEL;
    const limit = Math.min(Number(query.get('limit') ?? 50) || 50, 100);
    let list = world.channelMessages(params.channelId as string);
    const before = query.get('before');
    const after = query.get('after');
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
    return ok(list.slice(0, limit));
  });
  add('GET', '/channels/:channelId/messages/:messageId', true, ({ params }) => {
    const message = world.messages.get(params.messageId as string);
    return message && message.channel_id === params.channelId ? ok(message) : UNKNOWN_MESSAGE;
  });
  add('PATCH', '/channels/:channelId/messages/:messageId', true, (ctx) => {
    const message = world.messages.get(ctx.params.messageId as string);
    if (!message || message.channel_id !== ctx.params.channelId) return UNKNOWN_MESSAGE;
    if (message.author?.id !== world.botUser.id) return err(403, 'Cannot edit a message authored by another user', 50005);
    const edited = world.editMessage(String(message.id), ctx.body ?? {}, ctx.files);
    echo('MESSAGE_UPDATE', edited);
    return ok(edited);
  });
  add('DELETE', '/channels/:channelId/messages/:messageId', true, ({ params }) => {
    const message = world.messages.get(params.messageId as string);
    if (!message || message.channel_id !== params.channelId) return UNKNOWN_MESSAGE;
    world.messages.delete(String(message.id));
    echoDelete(message);
    return noContent;
  });
  add('POST', '/channels/:channelId/typing', true, ({ params }) =>
    channelOr404(params.channelId as string) ? noContent : UNKNOWN_CHANNEL,
  );
  for (const method of ['PUT', 'DELETE']) {
    add(method, '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', true, ({ params }) =>
      world.messages.has(params.messageId as string) ? noContent : UNKNOWN_MESSAGE,
    );
  }
  const createThread = (parentId: string, name: string, id?: string): RestResult => {
    const parent = channelOr404(parentId);
    if (!parent) return UNKNOWN_CHANNEL;
    const thread = world.addChannel({
      ...(id ? { id } : {}),
      type: ChannelType.PublicThread,
      name,
      parentId,
      ownerId: world.botUser.id,
    });
    const d = { ...channelJSON(thread, world.guild.id), newly_created: true };
    gateway.dispatch('THREAD_CREATE', d);
    return ok(channelJSON(thread, world.guild.id), 201);
  };
  add('POST', '/channels/:channelId/messages/:messageId/threads', true, ({ params, body }) => {
    const message = world.messages.get(params.messageId as string);
    if (!message || message.channel_id !== params.channelId) return UNKNOWN_MESSAGE;
    return createThread(params.channelId as string, String(body?.name ?? 'thread'), String(message.id));
  });
  add('POST', '/channels/:channelId/threads', true, ({ params, body }) =>
    createThread(params.channelId as string, String(body?.name ?? 'thread')),
  );

  // -- guild
  const guildOnly = (id: string | undefined): boolean => id === world.guild.id;
  add('GET', '/guilds/:guildId', true, ({ params }) => {
    if (!guildOnly(params.guildId)) return err(404, 'Unknown Guild', 10004);
    const { channels: _c, threads: _t, members: _m, presences: _p, voice_states: _v, ...guild } = guildCreateJSON(world.snapshot());
    return ok(guild);
  });
  add('GET', '/guilds/:guildId/channels', true, ({ params }) =>
    guildOnly(params.guildId)
      ? ok([...world.channels.values()].filter((c) => c.type !== ChannelType.PublicThread).map((c) => channelJSON(c, world.guild.id)))
      : err(404, 'Unknown Guild', 10004),
  );
  add('GET', '/guilds/:guildId/roles', true, ({ params }) =>
    guildOnly(params.guildId) ? ok(world.roles.map(roleJSON)) : err(404, 'Unknown Guild', 10004),
  );
  add('GET', '/guilds/:guildId/members/:userId', true, ({ params }) => {
    const user = guildOnly(params.guildId) ? world.user(params.userId as string) : undefined;
    return user ? ok(memberJSON(user, world.guild.joinedAt)) : err(404, 'Unknown Member', 10007);
  });

  return routes;
}
