/** The engine: an index with the encoder it was built with, opened (and built when needed) for a corpus. */
export type { Engine } from './types';
export * from './open';
export { forStory } from './stories';
