import { loadBundledEmbedder } from '../../src/embed/bundled';
import type { Engine } from '../../src/engine';
import { loadIndex } from '../../src/index/load';
import { BBC_INDEX, STORY_INDEX } from './paths';

/** The story's index, built by the global setup, with the bundled encoder (pinned: same behaviour everywhere). */
export async function storyEngine(): Promise<Engine> {
  return { index: await loadIndex(STORY_INDEX), embedder: await loadBundledEmbedder() };
}

/** 225 BBC articles (45 per category), built by the global setup when the BBC folder exists. */
export async function bbcEngine(): Promise<Engine> {
  return { index: await loadIndex(BBC_INDEX), embedder: await loadBundledEmbedder() };
}
