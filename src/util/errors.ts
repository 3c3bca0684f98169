/**
 * The base of every error this project throws on purpose. Errors are data: a surface decides
 * how to word and where to show one from its class and fields, never by parsing its message.
 */
export interface StoryQaErrorOptions {
  /** What the reader can do about it ("Rebuild it with `npm run index`."), shown after the message. */
  hint?: string | null | undefined;
  /**
   * True when the message says all a user needs (bad input, a missing file, an unreachable page):
   * surfaces print it without a stack trace. False for failures a developer must look at.
   */
  userFacing?: boolean | undefined;
  cause?: unknown;
}

export abstract class StoryQaError extends Error {
  abstract override readonly name: string;
  readonly hint: string | null;
  readonly userFacing: boolean;

  constructor(message: string, options: StoryQaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint ?? null;
    this.userFacing = options.userFacing ?? true;
  }

  /** The message with its hint, as a command line or a log line shows it. */
  get fullMessage(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** True for errors whose message is meant for the user as it is (see StoryQaError.userFacing). */
export function isUserFacing(error: unknown): error is StoryQaError {
  return error instanceof StoryQaError && error.userFacing;
}
