/**
 * Where a cold CLI start goes, measured inside a fresh process: module imports (until the body
 * runs), loading the index, loading the encoder, the first answer (encoder warm-up included) and
 * a second one.
 */
import { ask } from '../../src/answer/ask';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import { loadIndex } from '../../src/index/load';
import { childMain } from './io';

export interface ColdInput {
  indexDir: string;
  question: string;
}

export interface ColdOutput {
  loadIndexMs: number;
  loadEncoderMs: number;
  firstAskMs: number;
  secondAskMs: number;
}

await childMain<ColdInput, ColdOutput>(async (input) => {
  let t = performance.now();
  const index = await loadIndex(input.indexDir);
  const loadIndexMs = performance.now() - t;
  t = performance.now();
  const embedder = await loadBundledEmbedder();
  const loadEncoderMs = performance.now() - t;
  const engine = { index, embedder };
  t = performance.now();
  await ask(engine, input.question);
  const firstAskMs = performance.now() - t;
  t = performance.now();
  await ask(engine, input.question);
  const secondAskMs = performance.now() - t;
  await embedder.close();
  return { loadIndexMs, loadEncoderMs, firstAskMs, secondAskMs };
});
