import { ask } from '../answer/ask';
import { analyzeQuestion, QuestionError } from '../answer/question';
import { DISCORD_MESSAGE_LIMIT } from './messages';
import { answerReply, refusalText } from './replies';
import type { EngineHolder } from './engine-holder';
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
  request: {
    userId: string;
    question: string;
    /** The engine of the story asked about (opened after the question is acknowledged: a first use may build its index). */
    holder: () => Promise<EngineHolder>;
    beforeCompute: () => Promise<unknown>;
    onWaiting?: ((position: number) => unknown) | undefined;
  },
): Promise<QuestionOutcome> {
  const { userId, question, holder, beforeCompute, onWaiting } = request;
  const { metrics } = context;
  try {
    analyzeQuestion(question);
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    metrics.recordQuestion('invalid');
    return { ok: false, reason: 'invalid', message: error.message };
  }
  const admission = context.admission.admit(userId);
  if (!admission.ok) {
    metrics.recordQuestion('refused');
    return { ok: false, reason: 'refused', message: refusalText(admission.refusal) };
  }
  const admitted = performance.now();
  const queueChanged = () => metrics.setQueueLength(context.admission.waiting);
  queueChanged();
  try {
    // Acknowledged at once; computed when its turn in the queue comes.
    try {
      await beforeCompute();
    } catch (error) {
      admission.cancel();
      throw error;
    }
    const answer = await admission.run(
      async () => (await holder()).use((engine) => ask(engine, question, { maxChars: DISCORD_MESSAGE_LIMIT })),
      onWaiting,
    );
    metrics.recordQuestion(answer.answered ? 'answered' : 'abstained');
    metrics.recordAnswerLatency((performance.now() - admitted) / 1000);
    return { ok: true, reply: answerReply(answer) };
  } catch (error) {
    metrics.recordQuestion('failed');
    throw error;
  } finally {
    queueChanged();
  }
}
