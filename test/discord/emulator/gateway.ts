/**
 * Gateway v10 over WebSocket (`ws`), JSON encoding, no compression.
 *
 * - On connect: HELLO (op 10). Heartbeats (op 1) are ACKed (op 11) unless `ackHeartbeats` is off.
 * - IDENTIFY (op 2, correct token): a new session; READY (s=1) then GUILD_CREATE (s=2).
 *   A wrong token closes with 4004 (Authentication failed).
 * - RESUME (op 6): replays the session's dispatches with `s > seq`, then RESUMED. Unknown or
 *   ended sessions get INVALID_SESSION (op 9, d=false).
 * - REQUEST_GUILD_MEMBERS (op 8): one GUILD_MEMBERS_CHUNK.
 * - A session survives its socket closing with any code but 1000/1001 (so the client can
 *   RESUME); dispatches sent meanwhile are buffered and replayed on RESUME, like Discord does.
 * - Dispatches are filtered by the session's intents where discord.js relies on it
 *   (GUILD_MESSAGES for MESSAGE_*, MESSAGE_CONTENT for content; see `rest.ts`/`index.ts`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Intent, guildCreateJSON, memberJSON, readyJSON } from './payloads';
import type { JsonObject } from './types';
import type { World } from './world';

export interface GatewaySession {
  readonly id: string;
  seq: number;
  intents: number;
  shard: [number, number];
  /** `live`: attached to an open socket; `detached`: resumable; `ended`: closed with 1000/1001. */
  state: 'live' | 'detached' | 'ended';
  socket: WebSocket | null;
  history: JsonObject[];
  identifiedAt: number;
}

interface Connection {
  ws: WebSocket;
  session: GatewaySession | null;
  query: URLSearchParams;
  /** Set when the emulator closed the socket itself (its own code wins over the echoed one). */
  closedByEmulatorWith: number | null;
}

export interface GatewayOptions {
  world: World;
  heartbeatIntervalMs: number;
  resumeUrl: () => string;
  onActivity: () => void;
}

const HISTORY_LIMIT = 2000;
const GATEWAY_PATH = /^\/gateway(\/|$)/;

export class Gateway {
  readonly sessions = new Map<string, GatewaySession>();
  identifyCount = 0;
  resumeCount = 0;
  heartbeatCount = 0;
  connectionCount = 0;
  ackHeartbeats = true;
  /** False: new gateway connections are refused (503), as in a Discord outage; open ones are not touched. */
  acceptConnections = true;
  /** Query strings the client connected with (`v`, `encoding`, maybe `compress`). */
  readonly connectQueries: Record<string, string>[] = [];
  /** Close codes seen, newest last (for diagnostics). */
  readonly closes: { code: number; by: 'client' | 'emulator'; at: number }[] = [];

  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly connections = new Set<Connection>();

  constructor(private readonly opts: GatewayOptions) {
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
  }

  /** `server.on('upgrade', …)`: accepts `/gateway…` (including the resume URL), rejects the rest. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!GATEWAY_PATH.test(url.pathname)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!this.acceptConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Sessions that can still receive dispatches (live or resumable). */
  activeSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((s) => s.state !== 'ended');
  }

  /**
   * Sends a dispatch to every active session (buffered for detached ones).
   * `perSession` may rewrite the payload per session (intent filtering) or return null to skip it.
   * Returns the number of sessions the event was queued for.
   */
  dispatch(t: string, d: JsonObject, perSession?: (session: GatewaySession) => JsonObject | null): number {
    let count = 0;
    for (const session of this.activeSessions()) {
      const data = perSession ? perSession(session) : d;
      if (data === null) continue;
      this.dispatchTo(session, t, data);
      count++;
    }
    this.opts.onActivity();
    return count;
  }

  /** Closes every open gateway socket with `code`; resolves once they are closed. */
  async drop(code: number, reason = 'discord-emulator: dropGateway'): Promise<number> {
    const open = [...this.connections].filter((c) => c.ws.readyState === WebSocket.OPEN);
    await Promise.all(
      open.map(
        (conn) =>
          new Promise<void>((resolve) => {
            const kill = setTimeout(() => conn.ws.terminate(), 2000);
            conn.ws.once('close', () => {
              clearTimeout(kill);
              resolve();
            });
            conn.closedByEmulatorWith = code;
            conn.ws.close(code, reason);
          }),
      ),
    );
    return open.length;
  }

  /** Sends RECONNECT (op 7) on every live socket: discord.js closes and RESUMEs. */
  requestReconnect(): number {
    let n = 0;
    for (const conn of this.connections) {
      if (conn.session && conn.ws.readyState === WebSocket.OPEN) {
        this.send(conn.ws, { op: 7, d: null, s: null, t: null });
        n++;
      }
    }
    return n;
  }

  describe(): string {
    const sessions = [...this.sessions.values()].map((s) => `${s.id.slice(0, 8)}:${s.state}@s${s.seq}`).join(', ');
    const closes = this.closes
      .slice(-5)
      .map((c) => `${c.code}(${c.by})`)
      .join(' ');
    return (
      `Gateway: sessions [${sessions || 'none'}], identify=${this.identifyCount} resume=${this.resumeCount} ` +
      `heartbeats=${this.heartbeatCount} connections=${this.connectionCount}` +
      (closes ? `, recent closes: ${closes}` : '')
    );
  }

  async close(): Promise<void> {
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    for (const session of this.sessions.values()) {
      session.state = 'ended';
      session.socket = null;
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ---- internals ----------------------------------------------------------------------------

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    const conn: Connection = { ws, session: null, query, closedByEmulatorWith: null };
    this.connections.add(conn);
    this.connectionCount++;
    this.connectQueries.push(Object.fromEntries(query));
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('close', (code) => this.onClose(conn, code));
    ws.on('error', () => {
      /* a client vanishing mid-frame is not the emulator's problem */
    });
    this.send(ws, {
      op: 10,
      d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ['["discord-emulator",{}]'] },
      s: null,
      t: null,
    });
    this.opts.onActivity();
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: JsonObject;
    try {
      if (isBinary) throw new Error('binary (ETF/compressed) frames are not supported');
      payload = JSON.parse(rawToString(data)) as JsonObject;
    } catch {
      this.closeWith(conn, 4002, 'Error while decoding payload.');
      return;
    }
    const d = (payload.d ?? {}) as JsonObject;
    switch (payload.op) {
      case 1: // HEARTBEAT
        this.heartbeatCount++;
        if (this.ackHeartbeats) this.send(conn.ws, { op: 11, d: null, s: null, t: null });
        break;
      case 2: // IDENTIFY
        this.identify(conn, d);
        break;
      case 6: // RESUME
        this.resume(conn, d);
        break;
      case 3: // PRESENCE_UPDATE
      case 4: // VOICE_STATE_UPDATE
        if (!conn.session) this.closeWith(conn, 4003, 'Not authenticated.');
        break;
      case 8: // REQUEST_GUILD_MEMBERS
        if (!conn.session) this.closeWith(conn, 4003, 'Not authenticated.');
        else this.guildMembersChunk(conn.session, d);
        break;
      default:
        this.closeWith(conn, 4001, 'Unknown opcode.');
    }
    this.opts.onActivity();
  }

  private identify(conn: Connection, d: JsonObject): void {
    const { world } = this.opts;
    if (conn.session) return this.closeWith(conn, 4005, 'Already authenticated.');
    if (d.token !== world.token) return this.closeWith(conn, 4004, 'Authentication failed.');
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      intents: Number(d.intents ?? 0),
      shard,
      state: 'live',
      socket: conn.ws,
      history: [],
      identifiedAt: Date.now(),
    };
    this.sessions.set(session.id, session);
    conn.session = session;
    this.identifyCount++;
    this.dispatchTo(
      session,
      'READY',
      readyJSON({
        botUser: world.botUser,
        applicationId: world.applicationId,
        guildId: world.guild.id,
        sessionId: session.id,
        resumeUrl: this.opts.resumeUrl(),
        shard,
      }),
    );
    this.dispatchTo(session, 'GUILD_CREATE', guildCreateJSON(world.snapshot()));
  }

  private resume(conn: Connection, d: JsonObject): void {
    if (conn.session) return this.closeWith(conn, 4005, 'Already authenticated.');
    const session = this.sessions.get(String(d.session_id));
    if (!session || session.state === 'ended' || d.token !== this.opts.world.token) {
      this.send(conn.ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    const seq = Number(d.seq ?? 0);
    if (session.socket && session.socket !== conn.ws) session.socket.terminate();
    session.socket = conn.ws;
    session.state = 'live';
    conn.session = session;
    this.resumeCount++;
    for (const past of session.history) if (Number(past.s) > seq) this.send(conn.ws, past);
    this.dispatchTo(session, 'RESUMED', { _trace: ['["discord-emulator",{}]'] });
  }

  private guildMembersChunk(session: GatewaySession, d: JsonObject): void {
    const { world } = this.opts;
    const wanted = d.user_ids === undefined ? null : ([] as unknown[]).concat(d.user_ids).map(String);
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const limit = Number(d.limit) || Infinity;
    let members = [...world.members.values()];
    if (wanted) members = members.filter((m) => wanted.includes(m.id));
    else members = members.filter((m) => m.username.toLowerCase().startsWith(query)).slice(0, limit);
    this.dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: world.guild.id,
      members: members.map((m) => memberJSON(m, world.guild.joinedAt)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: wanted ? wanted.filter((id) => !world.members.has(id)) : [],
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  private dispatchTo(session: GatewaySession, t: string, d: JsonObject): void {
    const payload = { op: 0, t, s: ++session.seq, d };
    session.history.push(payload);
    if (session.history.length > HISTORY_LIMIT) session.history.splice(0, session.history.length - HISTORY_LIMIT);
    if (session.state === 'live' && session.socket) this.send(session.socket, payload);
  }

  private onClose(conn: Connection, code: number): void {
    this.connections.delete(conn);
    const effective = conn.closedByEmulatorWith ?? code;
    this.closes.push({ code: effective, by: conn.closedByEmulatorWith === null ? 'client' : 'emulator', at: Date.now() });
    const session = conn.session;
    if (session && session.socket === conn.ws) {
      session.socket = null;
      session.state = effective === 1000 || effective === 1001 ? 'ended' : 'detached';
    }
    this.opts.onActivity();
  }

  private closeWith(conn: Connection, code: number, reason: string): void {
    conn.closedByEmulatorWith = code;
    conn.ws.close(code, reason);
  }

  private send(ws: WebSocket, payload: JsonObject): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Whether a session should get guild MESSAGE_* events at all. */
export function wantsGuildMessages(session: GatewaySession): boolean {
  return (session.intents & Intent.GuildMessages) !== 0;
}

/**
 * MESSAGE_CREATE/UPDATE as the session sees it: without MESSAGE_CONTENT, content, embeds,
 * attachments, components and poll are emptied unless the bot is mentioned or the author.
 */
export function messageForSession(session: GatewaySession, message: JsonObject, botId: string): JsonObject | null {
  if (!wantsGuildMessages(session)) return null;
  if (session.intents & Intent.MessageContent) return message;
  const mentioned = Array.isArray(message.mentions) && message.mentions.some((u: JsonObject) => u.id === botId);
  if (mentioned || message.author?.id === botId) return message;
  return { ...message, content: '', embeds: [], attachments: [], components: [], ...(message.poll ? { poll: null } : {}) };
}
