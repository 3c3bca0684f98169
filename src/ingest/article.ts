import { IngestError } from './errors';
import { MIN_ARTICLE_WORDS } from './limits';
import { countWords } from './text';
import type { ExtractedArticle } from './types';

/** Counts the words and applies the quality gates every source goes through. */
export function finishArticle(article: Omit<ExtractedArticle, 'words'>, source: string, minWords = MIN_ARTICLE_WORDS): ExtractedArticle {
  if (article.paragraphs.length === 0) throw new IngestError({ kind: 'no-article', source });
  const words = countWords(article.paragraphs);
  if (words < minWords) throw new IngestError({ kind: 'too-short', source, words, minWords });
  return { ...article, words };
}
