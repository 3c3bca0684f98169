export type { ExtractedArticle, ExtractOptions, FetchOptions, IngestFileOptions, IngestUrlOptions } from './types';
export { IngestError, type IngestProblem, type IngestProblemKind } from './errors';
export { ingestUrl } from './ingest-url';
export { ingestFile } from './ingest-file';
export { serializeArticle } from './serialize';
export { slugFor } from './slug';
export { writeArticleFile } from './write-file';
export { assertNotDuplicate } from './duplicates';
export { isPublicAddress } from './address-policy';
