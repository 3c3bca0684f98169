import { Embeddings } from '@langchain/core/embeddings';
import type { Embedder } from '../../src/embed';

/**
 * The bundled encoder as a LangChain `Embeddings`: the same model, the same unit vectors. Documents
 * go to `bulk` (the same worker pool our build uses, so build times compare pipelines, not thread
 * counts); queries to the in-process encoder, as in ask().
 */
export class StoryQaEmbeddings extends Embeddings {
  /** Time of the last embedQuery call, so query latency can be split into embed and search. */
  lastQueryMs = 0;
  documentsMs = 0;

  constructor(
    private readonly query: Embedder,
    private readonly bulk: (count: number) => Promise<Embedder>,
  ) {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const started = performance.now();
    const vectors = await (await this.bulk(texts.length)).embed(texts);
    this.documentsMs += performance.now() - started;
    return vectors.map((v) => Array.from(v));
  }

  async embedQuery(text: string): Promise<number[]> {
    const started = performance.now();
    const [vector] = await this.query.embed([text]);
    this.lastQueryMs = performance.now() - started;
    return Array.from(vector!);
  }
}
