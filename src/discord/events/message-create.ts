import { Events, type Message } from 'discord.js';
import { answerQuestion } from '../answering';
import { apology, errorDetails, fitMessage, newErrorId, noMentions } from '../messages';
import { mentionHelp } from '../replies';
import { botEvent, type BotRuntime } from './types';

/** What a refused mention gets: the asker sees it, the channel gets no message. */
export const WAIT_REACTION = '⏳';

/** A message that mentions the bot (or its role) is a question: the reply quotes the answer. */
export default botEvent({
  name: Events.MessageCreate,
  execute(runtime, message) {
    runtime.track(onMessage(runtime, message));
  },
});

async function onMessage(runtime: BotRuntime, message: Message): Promise<void> {
  const { client, context } = runtime;
  const { log } = context;
  if (runtime.stopping || message.author.bot || message.webhookId || message.system || !client.user) return;
  const botId = client.user.id;
  const botRole = message.guild?.members.me?.roles.botRole ?? null;
  const mentioned = message.mentions.users.has(botId) || (botRole !== null && message.mentions.roles.has(botRole.id));
  const { channel } = message;
  if (!mentioned || !channel.isSendable()) return;

  const reply = (content: string) => message.reply({ content: fitMessage(content), allowedMentions: noMentions(), failIfNotExists: false });
  try {
    let question = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
    if (botRole) question = question.replaceAll(`<@&${botRole.id}>`, ' ');
    question = question.trim();
    const outcome = await answerQuestion(context, {
      userId: message.author.id,
      question,
      holder: () => context.stories.holderOfChannel(channel, message.channelId),
      beforeCompute: async () => {
        void channel.sendTyping().catch(() => undefined);
      },
    });
    if (!outcome.ok) {
      // A message cannot be private: a refusal (cooldown, busy) is a reaction, not a public reply.
      if (outcome.reason === 'refused') await message.react(WAIT_REACTION).catch(() => undefined);
      else await reply(mentionHelp(botId));
      return;
    }
    await reply(outcome.reply.content);
    if (outcome.reply.extra) await reply(outcome.reply.extra);
    log.info({ mention: message.id, user: message.author.id }, 'mention answered');
  } catch (error) {
    const errorId = newErrorId();
    log.error(
      { errorId, error: errorDetails(error), message: { id: message.id, channel: message.channelId, user: message.author.id } },
      `mention handler failed (${errorId})`,
    );
    await reply(apology(errorId)).catch((replyError: unknown) =>
      log.warn({ errorId, error: errorDetails(replyError) }, `could not send the apology for ${errorId}`),
    );
  }
}
