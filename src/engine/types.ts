import type { Embedder } from '../embed';
import type { SearchIndex } from '../index/types';

/** What answering needs: an index and the encoder it was built with. Swapped whole on reindex. */
export interface Engine {
  index: SearchIndex;
  embedder: Embedder;
}
