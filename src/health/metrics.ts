import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const QUESTION_OUTCOMES = ['answered', 'abstained', 'invalid', 'refused', 'failed'] as const;
export const FEEDBACK_VOTES = ['up', 'down', 'withdrawn'] as const;
export const REBUILD_OUTCOMES = ['ok', 'failed'] as const;

export type QuestionOutcome = (typeof QUESTION_OUTCOMES)[number];
export type FeedbackVoteMetric = (typeof FEEDBACK_VOTES)[number];
export type RebuildOutcome = (typeof REBUILD_OUTCOMES)[number];

/**
 * Seconds. Warm answers take 10–30 ms and a cold or queued one seconds: fine steps below 100 ms,
 * coarse ones up to the 10 s past which an answer has as good as failed.
 */
export const ANSWER_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const PREFIX = 'storyqa_';

/**
 * The bot's metrics, in a registry of their own (with the default process metrics) so that
 * several bots in one process, or tests, never collide in prom-client's global registry.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly questions: Counter<'outcome'>;
  private readonly queueLength: Gauge;
  private readonly answerLatency: Histogram;
  private readonly feedbackVotes: Counter<'vote'>;
  private readonly rebuilds: Counter<'outcome'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.questions = new Counter({ name: `${PREFIX}questions_total`, help: 'Questions, by outcome.', labelNames: ['outcome'], registers });
    this.queueLength = new Gauge({ name: `${PREFIX}queue_length`, help: 'Questions waiting for an answer slot.', registers });
    this.answerLatency = new Histogram({
      name: `${PREFIX}answer_latency_seconds`,
      help: 'Seconds from accepting a question to its answer, time in the queue included.',
      buckets: ANSWER_LATENCY_BUCKETS,
      registers,
    });
    this.feedbackVotes = new Counter({
      name: `${PREFIX}feedback_votes_total`,
      help: 'Feedback button presses.',
      labelNames: ['vote'],
      registers,
    });
    this.rebuilds = new Counter({
      name: `${PREFIX}rebuilds_total`,
      help: 'Index rebuilds, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    // Every series exists from the start at 0, so that rates and alerts see the first event.
    for (const outcome of QUESTION_OUTCOMES) this.questions.inc({ outcome }, 0);
    for (const vote of FEEDBACK_VOTES) this.feedbackVotes.inc({ vote }, 0);
    for (const outcome of REBUILD_OUTCOMES) this.rebuilds.inc({ outcome }, 0);
  }

  recordQuestion(outcome: QuestionOutcome): void {
    this.questions.inc({ outcome });
  }

  recordAnswerLatency(seconds: number): void {
    this.answerLatency.observe(seconds);
  }

  setQueueLength(length: number): void {
    this.queueLength.set(length);
  }

  recordFeedbackVote(vote: FeedbackVoteMetric): void {
    this.feedbackVotes.inc({ vote });
  }

  recordRebuild(outcome: RebuildOutcome): void {
    this.rebuilds.inc({ outcome });
  }
}
