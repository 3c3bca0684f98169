import { ask } from '../answer/ask';
import { analyzeQuestion, QuestionError } from '../answer/question';
import { DISCORD_MESSAGE_LIMIT } from './messages';
import { answerReply, refusalText } from './replies';
import type { BotContext } from './types';

export type QuestionOutcome =
  | { ok: true; reply: ReturnType<typeof answerReply> }
  /** `invalid`: not a question the engine takes; `refused`: the user's cooldown or the concurrency cap. */
  | { ok: false; reason: 'invalid' | 'refused'; message: string };

/**
 * One user's question, answered under the bot's limits: what `/ask` and a mention share.
 * `beforeCompute` runs once the question is admitted (deferring the reply, showing "typing…").
 */
export async function answerQuestion(
  context: BotContext,
  userId: string,
  question: string,
  beforeCompute: () => Promise<unknown>,
  onWaiting?: (position: number) => unknown,
): Promise<QuestionOutcome> {
  try {
    analyzeQuestion(question);
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    return { ok: false, reason: 'invalid', message: error.message };
  }
  const admission = context.admission.admit(userId);
  if (!admission.ok) return { ok: false, reason: 'refused', message: refusalText(admission.refusal) };
  // Acknowledged at once; computed when its turn in the queue comes.
  try {
    await beforeCompute();
  } catch (error) {
    admission.cancel();
    throw error;
  }
  const answer = await admission.run(
    () => context.engineHolder.use((engine) => ask(engine, question, { maxChars: DISCORD_MESSAGE_LIMIT })),
    onWaiting,
  );
  return { ok: true, reply: answerReply(answer) };
}
