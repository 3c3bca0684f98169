import { loadBundledEmbedder } from '../../src/embed/bundled';
import type { Engine } from '../../src/engine';
import { loadIndex } from '../../src/index/load';
import { BBC_FRESH_INDEX, BBC_INDEX, SQUAD_INDEX, STORY_INDEX } from './paths';

/** The story's index, built by the global setup, with the bundled encoder (pinned: same behaviour everywhere). */
export async function storyEngine(): Promise<Engine> {
  return { index: await loadIndex(STORY_INDEX), embedder: await loadBundledEmbedder() };
}

/** 225 BBC articles (45 per category), built by the global setup when the BBC folder exists. */
export async function bbcEngine(): Promise<Engine> {
  return { index: await loadIndex(BBC_INDEX), embedder: await loadBundledEmbedder() };
}

/** 300 BBC articles (60 per category), for the fresh question set. */
export async function bbcFreshEngine(): Promise<Engine> {
  return { index: await loadIndex(BBC_FRESH_INDEX), embedder: await loadBundledEmbedder() };
}

/** The 8 SQuAD 2.0 articles, built by the global setup when the SQuAD part exists. */
export async function squadEngine(): Promise<Engine> {
  return { index: await loadIndex(SQUAD_INDEX), embedder: await loadBundledEmbedder() };
}
