export {
  ChannelSettingsStore,
  DEFAULT_CHANNEL_SETTINGS,
  type ChannelSettings,
  type ChannelSettingsUpdate,
  type StoredChannelSettings,
} from './channel-settings';
export { DatabaseError, type DatabaseProblem } from './errors';
export {
  DEFAULT_WORST_LIMIT,
  FeedbackStore,
  type FeedbackCitation,
  type FeedbackSummary,
  type RatedAnswer,
  type VoteDirection,
  type VoteInput,
  type VoteResult,
} from './feedback';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';
export { DATABASE_FILE, databaseFile, openDatabase, type BotDatabase, type OpenDatabaseOptions } from './open';
