import type { Client, ClientEvents } from 'discord.js';
import type { AcknowledgmentTracker } from '../acknowledgments';
import type { BotContext, SlashCommand } from '../types';

/** What the gateway event handlers share: one per bot. */
export interface BotRuntime {
  client: Client;
  context: BotContext;
  /** The routed commands, by name. */
  commands: ReadonlyMap<string, SlashCommand>;
  acks: AcknowledgmentTracker;
  /** True once `stop()` began: handlers take no new work. */
  readonly stopping: boolean;
  /** Registers work still running, so `stop()` can wait for it; `apologize` tells its user if a shutdown abandons it. */
  track(work: Promise<void>, apologize?: () => Promise<unknown>): void;
  /** The gateway connection closed with this code (the lifecycle decides whether that is fatal). */
  gatewayClosed(code: number): void;
}

/** One gateway event, as in the discord.js guide: its name, whether once, and its handler. */
export interface BotEvent<Name extends keyof ClientEvents = keyof ClientEvents> {
  name: Name;
  once?: boolean;
  execute(runtime: BotRuntime, ...args: ClientEvents[Name]): void;
}

/** Declares an event with its argument types checked against discord.js's. */
export function botEvent<Name extends keyof ClientEvents>(event: BotEvent<Name>): BotEvent<Name> {
  return event;
}

/** Any one of the events above, each with its own argument types. */
export type AnyBotEvent = { [Name in keyof ClientEvents]: BotEvent<Name> }[keyof ClientEvents];
