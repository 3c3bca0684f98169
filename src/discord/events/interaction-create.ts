import { Events, type Interaction, type RepliableInteraction } from 'discord.js';
import { RESTART_APOLOGY } from '../lifecycle';
import { answerMayBeShown, apology, ephemeral, errorDetails, newErrorId, noMentions } from '../messages';
import { botEvent, type BotRuntime } from './types';

/** Slash commands, buttons and autocomplete: routed to the command registry, failures contained. */
export default botEvent({
  name: Events.InteractionCreate,
  execute(runtime, interaction) {
    if (interaction.isRepliable()) runtime.acks.add(interaction);
    const work = route(runtime, interaction).finally(() => runtime.acks.forget(interaction));
    runtime.track(work, interaction.isRepliable() ? () => apologizeForRestart(interaction) : undefined);
  },
});

/** For an interaction a shutdown abandons: the "thinking…" becomes the apology, else it comes privately. */
function apologizeForRestart(interaction: RepliableInteraction): Promise<unknown> {
  if (interaction.deferred && !interaction.replied)
    return interaction.editReply({ content: RESTART_APOLOGY, components: [], allowedMentions: noMentions() });
  if (!interaction.deferred && !interaction.replied) return interaction.reply(ephemeral(RESTART_APOLOGY));
  return interaction.followUp(ephemeral(RESTART_APOLOGY));
}

async function route(runtime: BotRuntime, interaction: Interaction): Promise<void> {
  const { context, commands } = runtime;
  const { log } = context;
  if (runtime.stopping) {
    if (interaction.isRepliable())
      await interaction.reply(ephemeral("I'm restarting; please try again in a minute.")).catch(() => undefined);
    return;
  }
  const started = performance.now();
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) {
        log.warn({ command: interaction.commandName }, 'unknown command (run npm run deploy-commands after changing commands)');
        await interaction.reply(ephemeral(`I don't know \`/${interaction.commandName}\` (anymore). \`/help\` lists my commands.`));
        return;
      }
      await command.execute(interaction, context);
      log.info(
        { command: interaction.commandName, user: interaction.user.id, ms: Math.round(performance.now() - started) },
        `/${interaction.commandName} handled`,
      );
    } else if (interaction.isButton()) {
      const handled = (await context.pager.handle(interaction)) || (await context.answerButtons.handle(interaction));
      if (!handled) await interaction.reply(ephemeral('This button no longer does anything.'));
    } else if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, context) : interaction.respond([]));
    } else if (interaction.isRepliable()) {
      await interaction.reply(ephemeral('This is not something I can handle.'));
    }
  } catch (error) {
    await reportFailure(runtime, interaction, error);
  }
}

/** Logs the error with a short id and the stack; tells the user privately, with the same id. */
async function reportFailure({ context: { log } }: BotRuntime, interaction: Interaction, error: unknown): Promise<void> {
  const errorId = newErrorId();
  log.error(
    {
      errorId,
      error: errorDetails(error),
      interaction: {
        id: interaction.id,
        type: interaction.type,
        command: interaction.isCommand() ? interaction.commandName : undefined,
        user: interaction.user.id,
      },
    },
    `interaction handler failed (${errorId})`,
  );
  if (!interaction.isRepliable()) return;
  const message = ephemeral(apology(errorId));
  try {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply(message);
    } else if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
      await interaction.editReply({ content: message.content ?? '', allowedMentions: noMentions() });
    } else {
      // A public "thinking…" nobody will complete: remove it (never an answer Discord may have
      // applied before the edit failed), then apologize privately.
      if (interaction.deferred && !interaction.replied && !answerMayBeShown(interaction))
        await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(message);
    }
  } catch (replyError) {
    log.warn({ errorId, error: errorDetails(replyError) }, `could not send the apology for ${errorId}`);
  }
}
