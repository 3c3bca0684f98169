import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseStory, readStories, StoryError } from '../../src/corpus/stories';
import { forStory } from '../../src/engine';
import { REPO_ROOT, STORY_CORPUS, tempDir } from '../support/paths';

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

describe('stories of a corpus', () => {
  it('the project corpus holds one story, krebs-fired, named by its story.yml', () => {
    const stories = readStories(path.join(REPO_ROOT, 'corpus'));
    expect(stories).toEqual([
      { id: 'krebs-fired', title: 'Trump fires CISA director Chris Krebs', description: expect.stringContaining('Krebs'), dir: STORY_CORPUS },
    ]);
  });

  it('every sub-folder is a story once one has a story.yml; the others are named after their folder', () => {
    const root = tempDir('stories-');
    write(path.join(root, 'port-strike', 'story.yml'), 'title: Port strike\ndescription: Dock workers walk out.\n');
    write(path.join(root, 'port-strike', 'day-1.md'), '---\ntitle: Day 1\n---\nWorkers walked out.');
    write(path.join(root, 'election', 'results.txt'), 'Results\n\nThe count ended.');
    expect(readStories(root).map((s) => [s.id, s.title, s.description])).toEqual([
      ['election', 'election', null],
      ['port-strike', 'Port strike', 'Dock workers walk out.'],
    ]);
  });

  it('a flat corpus, or folders without any story.yml (the BBC layout), is one story', () => {
    const root = tempDir('flat-');
    write(path.join(root, 'business', 'a.txt'), 'A\n\nText.');
    write(path.join(root, 'tech', 'b.txt'), 'B\n\nText.');
    expect(readStories(root)).toEqual([{ id: path.basename(root), title: path.basename(root), description: null, dir: root }]);
  });

  it('chooses the asked story, else DEFAULT_STORY, else the first; an unknown one is a StoryError listing the stories', () => {
    const root = tempDir('choose-');
    for (const id of ['alpha', 'beta']) write(path.join(root, id, 'story.yml'), `title: ${id}\n`);
    const stories = readStories(root);
    expect(chooseStory(stories).id).toBe('alpha');
    expect(chooseStory(stories, null, 'beta').id).toBe('beta');
    expect(chooseStory(stories, 'alpha', 'beta').id).toBe('alpha');
    expect(() => chooseStory(stories, 'gamma')).toThrow(StoryError);
    expect(() => chooseStory(stories, 'gamma')).toThrow('There is no story "gamma". Stories: alpha, beta.');
  });

  it('a story.yml that is not YAML is a StoryError naming the file', () => {
    const root = tempDir('bad-');
    write(path.join(root, 'x', 'story.yml'), 'title: [unclosed\n');
    expect(() => readStories(root)).toThrow(/x\/story\.yml is not a valid story file/);
  });

  it('each story of a multi-story corpus gets its own index folder; a one-story corpus keeps INDEX_DIR', () => {
    const root = tempDir('multi-');
    cpSync(STORY_CORPUS, path.join(root, 'krebs-fired'), { recursive: true });
    write(path.join(root, 'port-strike', 'a.txt'), 'A\n\nText.');
    const settings = { corpusDir: root, indexDir: '/data/index', defaultStory: null };
    expect(forStory(settings, 'port-strike').settings).toMatchObject({ corpusDir: path.join(root, 'port-strike'), indexDir: '/data/index/port-strike' });
    expect(forStory(settings).settings.indexDir).toBe('/data/index/krebs-fired');
    expect(forStory({ ...settings, corpusDir: STORY_CORPUS }).settings).toMatchObject({ corpusDir: STORY_CORPUS, indexDir: '/data/index' });
  });
});
