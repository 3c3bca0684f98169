import { Events } from 'discord.js';
import { errorDetails } from '../messages';
import { botEvent } from './types';

/** The client's and the gateway connection's own reports, logged at the level they deserve. */
export const clientError = botEvent({
  name: Events.Error,
  execute: ({ context }, error) => context.log.error({ error: errorDetails(error) }, 'discord.js client error'),
});

export const clientWarning = botEvent({
  name: Events.Warn,
  execute: ({ context }, warning) => context.log.warn(`discord.js: ${warning}`),
});

export const shardDisconnect = botEvent({
  name: Events.ShardDisconnect,
  execute: (runtime, event) => {
    if (runtime.stopping) return;
    runtime.context.log.warn({ code: event.code }, 'gateway connection closed');
    runtime.gatewayClosed(event.code);
  },
});

/**
 * At most one "reconnecting" line per this many milliseconds: an unreachable gateway retries
 * about twice a second, and a line each time would bury everything else in the log.
 */
export const RECONNECT_LOG_INTERVAL_MS = 10_000;
const reconnects = new WeakMap<object, { loggedAt: number; since: number }>();

export const shardReconnecting = botEvent({
  name: Events.ShardReconnecting,
  execute: (runtime) => {
    const now = Date.now();
    const seen = reconnects.get(runtime) ?? { loggedAt: 0, since: 0 };
    seen.since++;
    if (now - seen.loggedAt >= RECONNECT_LOG_INTERVAL_MS) {
      runtime.context.log.info({ attempts: seen.since }, 'gateway reconnecting');
      seen.loggedAt = now;
      seen.since = 0;
    }
    reconnects.set(runtime, seen);
  },
});

export const shardResume = botEvent({
  name: Events.ShardResume,
  execute: ({ context }, _shard, replayed) => context.log.info({ replayed }, 'gateway session resumed'),
});

export const shardError = botEvent({
  name: Events.ShardError,
  execute: ({ context }, error) => context.log.warn({ error: errorDetails(error) }, 'gateway error'),
});
