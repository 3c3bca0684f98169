import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StoryQaError } from '../util/errors';

/** A story: a folder of articles, asked about, indexed and bound to channels on its own. */
export interface Story {
  /** The folder's name (`krebs-fired`); for a corpus that is one story, the corpus folder's name. */
  id: string;
  title: string;
  description: string | null;
  /** The folder holding its articles. */
  dir: string;
}

/** The file that names a story and marks its folder as one. */
export const STORY_FILE = 'story.yml';

export type StoryProblem = { kind: 'unknown-story'; id: string; known: string[] } | { kind: 'bad-story-file'; file: string; detail: string };

export class StoryError extends StoryQaError {
  override readonly name = 'StoryError';
  constructor(readonly problem: StoryProblem) {
    super(
      problem.kind === 'unknown-story'
        ? `There is no story "${problem.id}". Stories: ${problem.known.join(', ') || 'none'}.`
        : `${problem.file} is not a valid story file: ${problem.detail}.`,
      problem.kind === 'unknown-story' ? { hint: 'List them with `npm run stories`.' } : { hint: 'It holds `title:` and an optional `description:`.' },
    );
  }
}

/**
 * The stories of a corpus folder. When any of its sub-folders holds a story.yml, every
 * sub-folder is a story (story.yml optional in the others); otherwise the whole folder is one
 * story, so a flat corpus, or the BBC layout of category folders, works as before.
 */
export function readStories(corpusDir: string): Story[] {
  const folders = existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .filter((name) => !name.startsWith('.') && statSync(path.join(corpusDir, name)).isDirectory())
        .sort()
    : [];
  if (!folders.some((name) => existsSync(path.join(corpusDir, name, STORY_FILE)))) return [storyIn(corpusDir)];
  return folders.map((name) => storyIn(path.join(corpusDir, name)));
}

/** `id`'s story, or the default one: `preferred` (DEFAULT_STORY) when it exists, else the first. */
export function chooseStory(stories: readonly Story[], id?: string | null, preferred?: string | null): Story {
  const wanted = id ?? preferred ?? null;
  if (wanted === null) return stories[0]!;
  const story = stories.find((s) => s.id === wanted);
  if (!story) throw new StoryError({ kind: 'unknown-story', id: wanted, known: stories.map((s) => s.id) });
  return story;
}

function storyIn(dir: string): Story {
  const id = path.basename(dir);
  const file = path.join(dir, STORY_FILE);
  if (!existsSync(file)) return { id, title: id, description: null, dir };
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StoryError({ kind: 'bad-story-file', file, detail: (error as Error).message.split('\n')[0]! });
  }
  const fields = (data ?? {}) as Record<string, unknown>;
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new StoryError({ kind: 'bad-story-file', file, detail: 'not a mapping' });
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  return { id, title: text(fields.title) ?? id, description: text(fields.description), dir };
}
