import path from 'node:path';
import { chooseStory, readStories, type Story } from '../corpus/stories';

/** What a story needs of the settings: where the stories are, where indexes go, the default. */
interface StorySettings {
  corpusDir: string;
  indexDir: string;
  defaultStory: string | null;
}

/**
 * The settings for one story of `settings.corpusDir` (`id`, else the default): its own folder
 * as the corpus and, when the corpus holds several stories, its own index under INDEX_DIR
 * (`data/index/<story>`). A corpus that is one story keeps INDEX_DIR itself.
 *
 * One index per story rather than one index with a story filter: a story's index is built,
 * rebuilt and loaded on its own, an article added to one story never touches another's, and
 * search needs no filter (measured in the closing note of the stories issue).
 */
export function forStory<T extends StorySettings>(
  settings: T,
  id?: string | null,
  options: { keepIndexDir?: boolean } = {},
): { settings: T; story: Story; stories: Story[] } {
  const stories = readStories(settings.corpusDir);
  const story = chooseStory(stories, id, settings.defaultStory);
  const single = story.dir === settings.corpusDir;
  const indexDir = single || options.keepIndexDir ? settings.indexDir : path.join(settings.indexDir, story.id);
  return { settings: { ...settings, corpusDir: story.dir, indexDir }, story, stories };
}
