import clientReady from './client-ready';
import { clientError, clientWarning, shardDisconnect, shardError, shardReconnecting, shardResume } from './gateway-health';
import interactionCreate from './interaction-create';
import messageCreate from './message-create';
import type { AnyBotEvent } from './types';

/** Every gateway event the bot listens to; `createBot` registers each on the client. */
export const events: readonly AnyBotEvent[] = [
  interactionCreate,
  messageCreate,
  clientReady,
  clientError,
  clientWarning,
  shardDisconnect,
  shardReconnecting,
  shardResume,
  shardError,
];

export type { AnyBotEvent, BotEvent, BotRuntime } from './types';
