import { StoryQaError } from '../../util/errors';

/** The answer queue is full: the question was not queued (the user may ask again shortly). */
export class QueueFullError extends StoryQaError {
  override readonly name = 'QueueFullError';

  constructor(readonly capacity: number) {
    super(`The answer queue is full (${capacity} questions waiting).`, { hint: 'Try again in a moment.' });
  }
}

/** The bot is shutting down: the question was not queued, or was dropped from the queue unanswered. */
export class QueueClosedError extends StoryQaError {
  override readonly name = 'QueueClosedError';

  constructor() {
    super('The bot is shutting down and no longer answers questions.', { hint: 'Ask again once it is back.' });
  }
}
