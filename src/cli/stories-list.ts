import path from 'node:path';
import { loadCorpus } from '../corpus/load';
import { loadEngineConfig } from '../config';
import { forStory } from '../engine';
import { readManifest } from '../index/load';

export interface StoryRow {
  id: string;
  title: string;
  isDefault: boolean;
  articles: number;
  /** From the story's index; null when it is not built yet. */
  sentences: number | null;
  newestDate: string | null;
  indexBuiltAt: string | null;
  indexBuildSeconds: number | null;
}

/** One row per story of the configured corpus (or `corpusDir`), read from its files and its index's manifest. */
export async function loadConfigured(corpusDir?: string): Promise<StoryRow[]> {
  const config = loadEngineConfig();
  const settings = { ...config, corpusDir: corpusDir ? path.resolve(corpusDir) : config.corpusDir };
  const { stories, story: chosen } = forStory(settings);
  const rows: StoryRow[] = [];
  for (const story of stories) {
    const { settings: own } = forStory(settings, story.id);
    const corpus = await loadCorpus(own.corpusDir).catch(() => null);
    const dates = (corpus?.documents ?? []).map((d) => d.date).filter((d): d is string => d !== null);
    const manifest = readManifest(own.indexDir);
    rows.push({
      id: story.id,
      title: story.title,
      isDefault: story.id === chosen.id,
      articles: corpus?.documents.length ?? 0,
      sentences: manifest?.counts.sentences ?? null,
      newestDate: dates.length ? dates.sort().at(-1)! : null,
      indexBuiltAt: manifest?.builtAt ?? null,
      indexBuildSeconds: manifest ? Math.round(manifest.buildMs / 100) / 10 : null,
    });
  }
  return rows;
}
