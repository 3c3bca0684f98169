import { describe, expect, it } from 'vitest';
import * as ingest from '../../src/ingest';

describe('the ingest barrel', () => {
  it('exposes the public surface and nothing else', () => {
    expect(Object.keys(ingest).sort()).toEqual([
      'IngestError',
      'addArticleFile',
      'assertNotDuplicate',
      'ingestFile',
      'ingestUrl',
      'isPublicAddress',
      'serializeArticle',
      'slugFor',
      'writeArticleFile',
    ]);
  });
});
