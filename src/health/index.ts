export {
  ANSWER_LATENCY_BUCKETS,
  BotMetrics,
  FEEDBACK_VOTES,
  QUESTION_OUTCOMES,
  REBUILD_OUTCOMES,
  type FeedbackVoteMetric,
  type QuestionOutcome,
  type RebuildOutcome,
} from './metrics';
export { HealthServerError, startHealthServer, type HealthServer, type HealthServerOptions, type HealthStatus } from './server';
