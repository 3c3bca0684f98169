import type { AutocompleteInteraction, ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordConfig } from '../config';
import type { BotMetrics } from '../health';
import type { QuestionAdmission } from './admission';
import type { AnswerButtons } from './answer-buttons';
import type { Conversations } from './conversations';
import type { StoryEngines } from './story-engines';
import type { Pager } from './pager';

/** What a command handler may use; one per bot. */
export interface BotContext {
  config: DiscordConfig;
  /** The stories, the engine of each, and which channel asks about which. */
  stories: StoryEngines;
  /** Per-user token buckets and the shared answer queue. */
  admission: QuestionAdmission;
  pager: Pager;
  /** 👍 / 👎 and "Show context" under answers. */
  answerButtons: AnswerButtons;
  /** The last turns of each thread or reply chain, for follow-up questions. */
  conversations: Conversations;
  log: Logger;
  /** The routed commands, in registry order (what `/help` lists). */
  commands: readonly SlashCommand[];
  /** Counts for `/metrics` (questions by outcome, latency, queue, votes, rebuilds). */
  metrics: BotMetrics;
}

/** One slash command, as in the discord.js guide: its definition and its handler. */
export interface SlashCommand {
  /** A SlashCommandBuilder; `toJSON()` is what `deploy-commands` registers. */
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /**
   * Must acknowledge the interaction (reply or defer) before any slow work, within Discord's
   * 3 seconds. Errors are caught by the router (apology with an error id).
   */
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  /** What `/help` says about the command, after its usage line. */
  help: string;
  /** Suggestions for an option marked `setAutocomplete(true)`, as the user types. */
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}
