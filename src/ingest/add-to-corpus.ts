import { mkdir } from 'node:fs/promises';
import { CorpusError, loadCorpus } from '../corpus/load';
import { assertNotDuplicate } from './duplicates';
import { serializeArticle } from './serialize';
import { slugFor } from './slug';
import type { ExtractedArticle } from './types';
import { writeArticleFile } from './write-file';

/**
 * Writes the article into the folder of a corpus (or story) as `<slug>.md` with its front
 * matter, unless the folder already holds it (a 'duplicate' IngestError naming the file), and
 * returns the new file's path. A folder with no article yet (a new story) is fine.
 */
export async function addArticleFile(dir: string, article: ExtractedArticle, added = new Date()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const documents = await loadCorpus(dir).then(
    (corpus) => corpus.documents,
    (error: unknown) => {
      // The first article of a new corpus or story: nothing to be a duplicate of.
      if (error instanceof CorpusError && error.problem === 'no-articles') return [];
      throw error;
    },
  );
  assertNotDuplicate(article, documents);
  return writeArticleFile(dir, slugFor(article.title), serializeArticle(article, added));
}
