/**
 * Public types of the Discord emulator (see `index.ts` for the overview).
 *
 * Bodies and payloads are typed loosely (`JsonObject`) on purpose: they are whatever
 * discord.js sent or Discord would send, and tests read them freely
 * (`edit.body.embeds[0].title`).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonObject = Record<string, any>;

/** A user of the emulated guild (the bot, alice, bob, the owner, another bot, or one made by `createUser`). */
export interface EmulatedUser {
  readonly id: string;
  readonly username: string;
  readonly globalName: string | null;
  readonly bot: boolean;
  /** Role ids in the emulated guild (the `@everyone` role is implicit, as in Discord). */
  readonly roleIds: readonly string[];
  /** Guild-level permissions, computed as Discord does for `member.permissions` in interactions. */
  readonly permissions: bigint;
  /** `<@id>`, ready to put in message content. */
  readonly mention: string;
}

/** A file uploaded with a multipart request (`files[n]`). */
export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** One REST request as the emulator saw it. */
export interface RecordedRequest {
  /** 1-based order of arrival. */
  seq: number;
  method: string;
  /** Decoded route below `/api/v10`, without the query: `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The request target as received (`/api/v10/webhooks/1/tok/messages/%40original?with_components=true`). */
  rawUrl: string;
  query: Record<string, string>;
  /** Lower-cased request headers, without `authorization`. */
  headers: Record<string, string>;
  /** Whether a (correct or not) `Authorization` header was present. */
  authorized: boolean;
  /** Parsed JSON body, or the parsed `payload_json` field of a multipart body; `undefined` when empty. */
  body: JsonObject | undefined;
  files: RecordedFile[];
  /** The status the emulator answered with. */
  status: number;
  /** The JSON the emulator answered with (`undefined` for 204). */
  response: unknown;
  /** True when the answer came from `failNext` / `rateLimitNext`. */
  faulted: boolean;
  /** Route template that matched (`POST /channels/:channelId/messages`), or null for unknown routes. */
  route: string | null;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
}

/** Returned by every `send…`/`press…` helper; pass it to the waiting helpers. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  readonly type: number;
  /** `Date.now()` when INTERACTION_CREATE was dispatched. */
  readonly sentAt: number;
  readonly channelId: string;
  readonly userId: string;
  /** The full INTERACTION_CREATE payload that was dispatched. */
  readonly payload: JsonObject;
}

/** `POST /interactions/{id}/{token}/callback`. */
export interface RecordedCallback {
  /** 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete, 9 modal… */
  type: number;
  /** The whole callback body (`{type, data}`). */
  body: JsonObject;
  /** `body.data` or `{}`. */
  data: JsonObject;
  files: RecordedFile[];
  receivedAt: number;
  /** `receivedAt - handle.sentAt`. */
  latencyMs: number;
  /** 204/200 normally; 404 (10062) when past the deadline, 400 (40060) when already acknowledged. */
  status: number;
}

/** A PATCH of an interaction's message (`@original` or a follow-up). */
export interface RecordedEdit {
  /** Id of the edited message. */
  messageId: string;
  /** `original` for `@original`/its id, `followUp` for a follow-up message. */
  target: 'original' | 'followUp';
  body: JsonObject;
  /** The message after the edit, as returned to the bot. */
  message: JsonObject;
  files: RecordedFile[];
  receivedAt: number;
}

/** A message the bot created (channel message, follow-up, or interaction reply). */
export interface RecordedMessage {
  id: string;
  channelId: string;
  via: 'channel' | 'followUp' | 'interaction';
  /** What the bot sent. */
  body: JsonObject;
  /** The message object the emulator returned. */
  message: JsonObject;
  files: RecordedFile[];
  receivedAt: number;
  /** For `via: 'followUp' | 'interaction'`. */
  interactionId?: string;
}

/** Returned by `sendMessage`. */
export interface MessageHandle {
  readonly id: string;
  readonly channelId: string;
  readonly sentAt: number;
  /** The MESSAGE_CREATE payload that was dispatched (before intent filtering). */
  readonly message: JsonObject;
  /** Sessions it was queued for (0: no session has the GUILD_MESSAGES intent). */
  readonly dispatchedTo: number;
}

export interface RegisteredCommand extends JsonObject {
  id: string;
  application_id: string;
  name: string;
  type: number;
  /** Set for guild commands. */
  guild_id?: string;
  version: string;
}

export interface FaultSpec {
  /** HTTP method to match (any when omitted). Case-insensitive. */
  method?: string;
  /** Matched against the decoded `RecordedRequest.path` (e.g. `/channels/123/messages`). */
  pathPattern: RegExp;
  status: number;
  headers?: Record<string, string>;
  /** JSON body of the fault response (default: a Discord-style error for the status). */
  body?: unknown;
  /** How many matching requests to fail (default 1). */
  times?: number;
  /** Carry the request out first, then answer with the fault (Discord applied it, the response was lost). */
  afterApplying?: boolean;
}

export interface FaultHandle {
  /** Requests this fault answered so far. */
  readonly hits: number;
  /** Requests it will still answer. */
  readonly remaining: number;
  cancel(): void;
}

export interface WaitOptions {
  /** Default: the emulator's `defaultTimeoutMs` (10 s). */
  timeoutMs?: number;
}
