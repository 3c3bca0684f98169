import { Events, type Message, type MessageCreateOptions } from 'discord.js';
import { readsAsQuestion } from '../../answer/question';
import { answerQuestion } from '../answering';
import { channelSettings } from '../channel-settings';
import { conversationIn, threadName, type ConversationKey } from '../conversations';
import { RESTART_APOLOGY } from '../lifecycle';
import { apology, errorDetails, fitMessage, newErrorId, noMentions } from '../messages';
import { mentionHelp } from '../replies';
import type { ChannelSettings } from '../../storage';
import { botEvent, type BotRuntime } from './types';

/** What a refused mention gets: the asker sees it, the channel gets no message. */
export const WAIT_REACTION = '⏳';

/**
 * Questions in messages: a message that mentions the bot (or its role); a follow-up that replies
 * to one of its answers or is asked in a thread it started; and, in a channel set not to require
 * mentions, any message that reads as a question. The reply quotes the answer.
 */
export default botEvent({
  name: Events.MessageCreate,
  execute(runtime, message) {
    const asked = { addressed: false };
    // Only a question the bot took up is owed an apology when a shutdown abandons it.
    const apologize = async () => {
      if (asked.addressed) await message.reply({ content: RESTART_APOLOGY, allowedMentions: noMentions(), failIfNotExists: false });
    };
    runtime.track(onMessage(runtime, message, asked), apologize);
  },
});

/** A message the bot answers: its question (the bot's mentions taken out), and why it is answered. */
type Addressed = { question: string; mentioned: boolean; conversation: ConversationKey | null };

/** What the message asks the bot, or null when it is not for the bot. */
function addressedToBot(runtime: BotRuntime, message: Message, requireMention: boolean): Addressed | null {
  const botId = runtime.client.user!.id;
  const botRole = message.guild?.members.me?.roles.botRole ?? null;
  let question = message.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ');
  if (botRole) question = question.replaceAll(`<@&${botRole.id}>`, ' ');
  question = question.trim();
  const repliedTo = message.reference?.messageId && message.mentions.repliedUser?.id === botId ? message.reference.messageId : null;
  const conversation = conversationIn(message.channel, botId) ?? (repliedTo ? runtime.context.conversations.ofAnswer(repliedTo) : null);
  // A reply to the bot pings it (Discord adds the mention): that alone is a follow-up, not a mention.
  const mentioned =
    (message.mentions.users.has(botId) &&
      (!repliedTo || message.content.includes(`<@${botId}>`) || message.content.includes(`<@!${botId}>`))) ||
    (botRole !== null && message.mentions.roles.has(botRole.id));
  // Without a mention, only what reads as a question: "thanks!" in a thread gets no answer.
  if (mentioned || ((conversation || !requireMention) && readsAsQuestion(question))) return { question, mentioned, conversation };
  return null;
}

async function onMessage(runtime: BotRuntime, message: Message, asked: { addressed: boolean }): Promise<void> {
  const { client, context } = runtime;
  if (runtime.stopping || message.author.bot || message.webhookId || message.system || !client.user) return;
  const { channel } = message;
  if (!channel.isSendable()) return;
  const settings = channelSettings(context.stories.channels, channel, message.inGuild() ? message.channelId : null);
  if (!settings.enabled) return;
  const addressed = addressedToBot(runtime, message, settings.requireMention);
  if (!addressed) return;
  asked.addressed = true;
  const parentId = channel.isThread() ? channel.parentId : null;
  // A follow-up typed while the answer it follows is still being sent must see that answer.
  if (addressed.conversation) await context.conversations.settled([message.channelId, parentId]);
  await context.conversations.answering([message.channelId], () => answerMessage(runtime, message, addressed, settings));
}

async function answerMessage(runtime: BotRuntime, message: Message, addressed: Addressed, settings: ChannelSettings): Promise<void> {
  const { context } = runtime;
  const { log } = context;
  const { channel } = message;
  if (!channel.isSendable()) return;
  const botId = runtime.client.user!.id;
  const reply = (content: string, extra: Pick<MessageCreateOptions, 'components'> = {}) =>
    message.reply({ content: fitMessage(content), ...extra, allowedMentions: noMentions(), failIfNotExists: false });
  try {
    const outcome = await answerQuestion(context, {
      userId: message.author.id,
      question: addressed.question,
      story: context.stories.storyOfChannel(channel, message.channelId),
      channelId: message.channelId,
      guildId: message.guildId,
      previous: addressed.conversation ? context.conversations.recall(addressed.conversation) : [],
      beforeCompute: async () => {
        void channel.sendTyping().catch(() => undefined);
      },
    });
    if (!outcome.ok) {
      // A message cannot be private: a refusal (cooldown, busy) is a reaction, not a public reply.
      if (outcome.reason === 'refused') await message.react(WAIT_REACTION).catch(() => undefined);
      else if (addressed.mentioned || addressed.conversation) await reply(mentionHelp(botId));
      return;
    }
    const { content, extra } = outcome.reply;
    const components = context.answerButtons.rows(outcome.record);
    let key = addressed.conversation;
    // A channel set to answer in threads: a new question (not a follow-up) gets a thread of its own.
    const thread =
      settings.threads && !key && message.inGuild() && !channel.isThread()
        ? await startThread(runtime, message, outcome.turn.question)
        : null;
    let sent: Message;
    if (thread) {
      key = `thread:${thread.id}`;
      sent = await thread.send({ content, components, allowedMentions: noMentions() });
      if (extra) await thread.send({ content: extra, allowedMentions: noMentions() });
    } else {
      sent = await reply(content, { components });
      if (extra) await reply(extra);
    }
    context.conversations.remember(key ?? context.conversations.ofAnswer(sent.id), outcome.turn, sent.id);
    log.info({ message: message.id, user: message.author.id, followUp: addressed.conversation !== null }, 'question answered');
  } catch (error) {
    const errorId = newErrorId();
    log.error(
      { errorId, error: errorDetails(error), message: { id: message.id, channel: message.channelId, user: message.author.id } },
      `message handler failed (${errorId})`,
    );
    await reply(apology(errorId)).catch((replyError: unknown) =>
      log.warn({ errorId, error: errorDetails(replyError) }, `could not send the apology for ${errorId}`),
    );
  }
}

/** A thread from the question's message; null when Discord refuses (no Create Public Threads permission): then the answer is a reply. */
async function startThread(runtime: BotRuntime, message: Message, question: string) {
  try {
    return await message.startThread({ name: threadName(question) });
  } catch (error) {
    runtime.context.log.warn(
      { error: errorDetails(error), channel: message.channelId },
      'could not start a thread; answering in the channel',
    );
    return null;
  }
}
