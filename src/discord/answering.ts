import { ask } from '../answer/ask';
import { citedParagraphs } from '../answer/context';
import { peopleOfAnswer, resolveFollowUp, type PreviousTurn } from '../answer/follow-up';
import { analyzeQuestion, QuestionError, type Question } from '../answer/question';
import type { Answer } from '../answer/types';
import type { Story } from '../corpus/stories';
import { escapeEcho } from '../util/markdown';
import type { AnswerRecord } from './answer-buttons';
import { DISCORD_MESSAGE_LIMIT } from './messages';
import { answerReply, refusalText } from './replies';
import type { BotContext } from './types';

export type QuestionOutcome =
  | ({ ok: true } & AnsweredQuestion)
  /** `invalid`: not a question the engine takes; `refused`: the user's cooldown or a full queue. */
  | { ok: false; reason: 'invalid' | 'refused'; message: string };

export interface AnsweredQuestion {
  reply: ReturnType<typeof answerReply>;
  answer: Answer;
  /** What a later follow-up may refer back to. */
  turn: PreviousTurn;
  /** What the answer's buttons need. */
  record: AnswerRecord;
}

export interface QuestionRequest {
  userId: string;
  question: string;
  /** The story asked about (its engine is opened after the question is acknowledged: a first use may build its index). */
  story: Story;
  channelId: string;
  guildId: string | null;
  /** The conversation so far, when the question is a follow-up (oldest first). */
  previous?: readonly PreviousTurn[] | undefined;
  /** Runs once the question is admitted (deferring the reply, showing "typing…"). */
  beforeCompute: () => Promise<unknown>;
  onWaiting?: ((position: number) => unknown) | undefined;
}

/** One user's question, answered under the bot's limits: what `/ask`, mentions and follow-ups share. */
export async function answerQuestion(context: BotContext, request: QuestionRequest): Promise<QuestionOutcome> {
  const { userId, beforeCompute, onWaiting } = request;
  const { metrics } = context;
  const followUp = resolveFollowUp(request.question, request.previous ?? []);
  const question = followUp.question;
  let analysed: Question;
  try {
    analysed = analyzeQuestion(question);
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
    const holder = () => context.stories.holder(request.story);
    const answered = await admission.run(
      async () =>
        (await holder()).use(async (engine) => {
          const answer = await ask(engine, analysed, { maxChars: DISCORD_MESSAGE_LIMIT });
          if (followUp.resolved) answer.warnings.unshift(`Read as a follow-up: “${escapeEcho(question)}”`);
          const turn = { question, people: peopleOfAnswer(engine.index, question, answer.citations) };
          const record: AnswerRecord = {
            question,
            intent: answer.intent,
            citations: answer.citations.map(({ docId, start, end, quote }) => ({ docId, start, end, quote })),
            buildId: engine.index.manifest.builtAt,
            storyId: request.story.id,
            channelId: request.channelId,
            guildId: request.guildId,
            paragraphs: citedParagraphs(engine.index, answer.citations),
          };
          return { answer, turn, record };
        }),
      onWaiting,
    );
    metrics.recordQuestion(answered.answer.answered ? 'answered' : 'abstained');
    metrics.recordAnswerLatency((performance.now() - admitted) / 1000);
    return { ok: true, reply: answerReply(answered.answer), ...answered };
  } catch (error) {
    metrics.recordQuestion('failed');
    throw error;
  } finally {
    queueChanged();
  }
}
