import type { SlashCommand } from '../types';
import * as add from './add';
import * as ask from './ask';
import * as help from './help';
import * as reindex from './reindex';
import * as settings from './settings';
import * as sources from './sources';
import * as stories from './stories';
import * as story from './story';
import * as summary from './summary';
import * as timeline from './timeline';

/**
 * THE command registry: the bot routes interactions with it and `npm run deploy-commands`
 * registers `data.toJSON()` of each, so what users see and what the bot handles never differ.
 */
export const commands: readonly SlashCommand[] = [ask, summary, timeline, sources, stories, story, settings, add, reindex, help];

/** The JSON `deploy-commands` sends (PUT, replacing the application's commands). */
export function commandsJSON(list: readonly SlashCommand[] = commands) {
  return list.map((command) => command.data.toJSON());
}
