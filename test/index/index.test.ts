import { cpSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import type { Embedder } from '../../src/embed';
import { buildIndex } from '../../src/index/build';
import { currentBuildDir } from '../../src/index/files';
import { IndexError, loadIndex } from '../../src/index/load';
import { searchChunks } from '../../src/index/search';
import { FILES } from '../../src/index/store';
import { SHARED_CACHE, STORY_CORPUS, tempDir } from '../support/paths';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadBundledEmbedder();
});
afterAll(() => embedder.close());

async function buildStory(indexDir: string, corpusDir = STORY_CORPUS, cacheDir: string | null = SHARED_CACHE) {
  return buildIndex({ corpus: await loadCorpus(corpusDir), embedder, indexDir, cacheDir });
}

describe('building and loading an index', () => {
  it('records model, dimension, corpus hash, chunking, versions and every file in the manifest', async () => {
    const dir = tempDir('index-');
    const report = await buildStory(dir);
    const { manifest } = await loadIndex(dir);
    expect(manifest.model).toEqual({ id: 'bundled:use-lite', dimension: 512 });
    expect(manifest.corpus.hash).toBe((await loadCorpus(STORY_CORPUS)).hash);
    expect(manifest.chunking).toEqual({ sentencesPerChunk: 3, overlap: 1, maxChars: 900 });
    expect(manifest.versions['hnswlib-node']).toMatch(/^\d+\.\d+\.\d+/); // recorded, whatever version is installed
    expect(Object.keys(manifest.files).sort()).toEqual(
      Object.values(FILES)
        .filter((f) => f !== FILES.manifest)
        .sort(),
    );
    expect(report.manifest.counts).toEqual(manifest.counts);
    expect(manifest.counts.documents).toBe(1);
  });

  it('restores search breadth (ef) after loading, since hnswlib resets it to 10', async () => {
    const dir = tempDir('index-');
    await buildStory(dir);
    const index = await loadIndex(dir);
    expect(index.manifest.hnsw.ef).toBeGreaterThan(10);
    // With ef restored every chunk is reachable: a k as large as the index returns all of them.
    const [query] = await embedder.embed(['Why was Krebs fired?']);
    const all = searchChunks(index, query!, 'Krebs', { perMethod: index.chunks.length, limit: index.chunks.length, mode: 'dense' });
    expect(all).toHaveLength(index.chunks.length);
  });

  it('finds names and numbers lexically where dense search is weak (hybrid fusion)', async () => {
    const dir = tempDir('index-');
    await buildStory(dir);
    const index = await loadIndex(dir);
    const [query] = await embedder.embed(['59 experts']);
    const lexical = searchChunks(index, query!, '59 experts', { mode: 'lexical' });
    expect(lexical[0]!.chunk.text).toContain('59 election security experts');
    const hybrid = searchChunks(index, query!, '59 experts');
    expect(hybrid.slice(0, 2).some((c) => c.chunk.text.includes('59 election security experts'))).toBe(true);
  });

  it('embeds only the changed document again on a rebuild', async () => {
    const corpusDir = tempDir('corpus-');
    cpSync(STORY_CORPUS, corpusDir, { recursive: true });
    writeFileSync(path.join(corpusDir, 'other.txt'), 'Other story\n\nThe mayor opened a new bridge on Monday. Traffic was light.');
    const cacheDir = tempDir('cache-');
    const indexDir = tempDir('index-');
    const first = await buildStory(indexDir, corpusDir, cacheDir);
    // A fresh cache: every distinct sentence is embedded once (the story repeats a tweet, so a few are reused).
    expect(first.embedded).toBeGreaterThan(first.manifest.counts.sentences - 5);
    writeFileSync(path.join(corpusDir, 'other.txt'), 'Other story\n\nThe mayor opened a new bridge on Tuesday. Traffic was light.');
    const second = await buildStory(indexDir, corpusDir, cacheDir);
    expect(second.embedded).toBe(1);
    expect(second.embedded + second.reused).toBe(first.manifest.counts.sentences);
  });

  it('publishes atomically: a new build replaces the live one, older ones are cleaned up', async () => {
    const dir = tempDir('index-');
    await buildStory(dir);
    const first = currentBuildDir(dir);
    await buildStory(dir);
    await buildStory(dir);
    const live = currentBuildDir(dir);
    expect(live).not.toBe(first);
    // The live build and the one before it remain; nothing temporary is left behind.
    expect(readdirSync(dir).filter((n) => n.startsWith('build-'))).toHaveLength(2);
    expect(readdirSync(dir).filter((n) => n.startsWith('.tmp'))).toEqual([]);
  });

  it('refuses a missing index with a clear message', async () => {
    await expect(loadIndex(tempDir('empty-'))).rejects.toMatchObject({
      problem: 'missing',
      hint: expect.stringContaining('npm run index'),
    });
  });

  describe('refuses a damaged index, naming the problem', () => {
    async function damaged(damage: (buildDir: string) => void): Promise<IndexError> {
      const dir = tempDir('index-');
      await buildStory(dir);
      damage(currentBuildDir(dir)!);
      try {
        await loadIndex(dir);
      } catch (error) {
        return error as IndexError;
      }
      throw new Error('loadIndex accepted a damaged index');
    }

    it('a truncated HNSW file', async () => {
      const error = await damaged((d) => truncateSync(path.join(d, FILES.hnsw), 100));
      expect(error).toBeInstanceOf(IndexError);
      expect(error.problem).toBe('corrupt');
      expect(error.message).toMatch(/chunks\.hnsw.*damaged/);
      expect(error.hint).toMatch(/npm run index/);
    });

    it('an edited store', async () => {
      const error = await damaged((d) => {
        const file = path.join(d, FILES.store);
        writeFileSync(file, readFileSync(file, 'utf8').replace('Krebs', 'Kreps'));
      });
      expect(error.message).toMatch(/store\.json.*damaged/);
    });

    it('a manifest that is not JSON', async () => {
      const error = await damaged((d) => writeFileSync(path.join(d, FILES.manifest), '{ not json'));
      expect(error.message).toMatch(/not valid JSON/);
    });

    it('a manifest from an incompatible format version', async () => {
      const error = await damaged((d) => {
        const file = path.join(d, FILES.manifest);
        writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), formatVersion: 99 }));
      });
      expect(error.problem).toBe('incompatible');
    });

    it('a missing file', async () => {
      const error = await damaged((d) => writeFileSync(path.join(d, FILES.vectors), ''));
      expect(error.message).toMatch(/sentence-vectors\.f32.*damaged/);
    });
  });
});

describe('rebuilding after an edit', () => {
  it('reports why a damaged previous build was not reused, and that the lexicon was indexed again', async () => {
    const indexDir = tempDir('index-');
    const first = await buildStory(indexDir);
    expect(first.previous).toBe('none');
    expect(first.lexicon).toBe('rebuilt');
    truncateSync(path.join(currentBuildDir(indexDir)!, FILES.store), 10);
    const second = await buildStory(indexDir);
    expect(second.previous).toEqual({ rejected: expect.stringMatching(/store\.json.*damaged/) });
    expect(second.lexicon).toBe('rebuilt');
    expect(second.chunksAdded).toBe(second.manifest.counts.chunks);
  });

  it('reuses the previous graph: only the edited article’s chunks are added, removed ones are gone', async () => {
    const corpusDir = tempDir('corpus-');
    cpSync(STORY_CORPUS, corpusDir, { recursive: true });
    writeFileSync(
      path.join(corpusDir, 'bridge.txt'),
      'Bridge opens\n\nThe mayor opened the Elm Street bridge on Monday. Traffic was light.',
    );
    const indexDir = tempDir('index-');
    const first = await buildStory(indexDir, corpusDir);
    expect(first.chunksAdded).toBe(first.manifest.counts.chunks);

    writeFileSync(path.join(corpusDir, 'bridge.txt'), 'Bridge opens\n\nThe mayor opened the Oak Lane bridge on Monday. Traffic was light.');
    const second = await buildStory(indexDir, corpusDir);
    expect(second.chunksAdded).toBe(1);
    expect(second.manifest.hnsw.deleted).toBe(0);
    expect(second.previous).toBe('reused');
    expect(second.lexicon).toBe('updated');

    const index = await loadIndex(indexDir);
    const [query] = await embedder.embed(['Which bridge did the mayor open?']);
    const found = searchChunks(index, query!, 'mayor bridge', {
      mode: 'dense',
      perMethod: index.chunks.length,
      limit: index.chunks.length,
    });
    expect(found).toHaveLength(index.chunks.length);
    expect(found.map((r) => r.chunk.text).join(' ')).toContain('Oak Lane');
    expect(found.map((r) => r.chunk.text).join(' ')).not.toContain('Elm Street');
    // The BM25 lexicon was updated in place, not rebuilt: it knows the new words and forgot the old ones.
    expect(searchChunks(index, query!, 'Oak Lane', { mode: 'lexical' })[0]!.chunk.text).toContain('Oak Lane');
    expect(searchChunks(index, query!, 'Elm Street', { mode: 'lexical' })).toEqual([]);
    // Unchanged articles keep their sentences and events, renumbered if need be.
    expect(index.events.map((e) => e.date)).toEqual(expect.arrayContaining(['2020-11-12', '2020-11-17']));
    for (const e of index.events) expect(index.documentById.get(e.docId)!.text.slice(e.start, e.end)).toBe(e.quote);
  });

  it('keeps removed chunks out of results, and rebuilds the graph when too much was removed', async () => {
    const corpusDir = tempDir('corpus-');
    cpSync(STORY_CORPUS, corpusDir, { recursive: true });
    writeFileSync(path.join(corpusDir, 'bridge.txt'), 'Bridge opens\n\nThe mayor opened the Elm Street bridge on Monday.');
    const indexDir = tempDir('index-');
    await buildStory(indexDir, corpusDir);
    rmSync(path.join(corpusDir, 'bridge.txt'));
    writeFileSync(path.join(corpusDir, 'zoo.txt'), 'Zoo news\n\nA zoo welcomed two red pandas on Friday.');
    const report = await buildStory(indexDir, corpusDir);
    const index = await loadIndex(indexDir);
    expect(index.chunks.some((c) => c.text.includes('Elm Street'))).toBe(false);
    const [query] = await embedder.embed(['red pandas at the zoo']);
    const found = searchChunks(index, query!, 'zoo', { mode: 'dense' });
    expect(found[0]!.chunk.text).toContain('red pandas');
    expect(report.chunksAdded).toBe(1);

    // Replace the story with an unrelated article: most of the graph would be deleted slots, so it is rebuilt.
    rmSync(path.join(corpusDir, 'krebs-fired.txt'));
    const rebuilt = await buildStory(indexDir, corpusDir);
    expect(rebuilt.manifest.hnsw.deleted).toBe(0);
    expect(rebuilt.chunksAdded).toBe(rebuilt.manifest.counts.chunks);
  });
});
