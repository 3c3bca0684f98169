export {
  AnswerQueue,
  DEFAULT_QUEUE_CAPACITY,
  DEFAULT_WAIT_NOTICE_MS,
  type AnswerQueueOptions,
  type DrainReport,
  type SubmitOptions,
} from './answer-queue';
export { QueueClosedError, QueueFullError } from './errors';
export { DEFAULT_BUCKET_CAPACITY, TokenBucket, type TakeResult, type TokenBucketOptions } from './token-bucket';
export { QuestionAdmission, type Admission, type AdmittedRun, type QuestionAdmissionOptions, type Refusal } from './question-admission';
