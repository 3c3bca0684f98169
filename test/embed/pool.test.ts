import { describe, expect, it } from 'vitest';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import { createEmbedderPool } from '../../src/embed/pool';

describe('the embedding worker pool', () => {
  it('gives the same vectors as the encoder in-process, in input order', async () => {
    const texts = [
      'Why was Krebs fired?',
      'Bryan Ware resigned on November 12.',
      'A much longer sentence about the election security experts and their report on computer fraud.',
      'Short.',
      '',
    ];
    const single = await loadBundledEmbedder();
    const pool = await createEmbedderPool({
      modelId: single.id,
      dimension: single.dimension,
      modelsDir: 'models',
      allowRemoteModels: false,
      workers: 2,
    });
    try {
      const [expected, actual] = [await single.embed(texts), await pool.embed(texts)];
      expect(actual).toHaveLength(texts.length);
      actual.forEach((vector, i) => {
        expect(vector).toHaveLength(512);
        for (let k = 0; k < 512; k++) expect(Math.abs(vector[k]! - expected[i]![k]!)).toBeLessThan(1e-5);
      });
    } finally {
      await pool.close();
      await single.close();
    }
  });

  it('fails to start, clearly, when the model cannot be loaded', async () => {
    await expect(
      createEmbedderPool({ modelId: 'nobody/no-such-model', dimension: 8, modelsDir: 'models', allowRemoteModels: false, workers: 1 }),
    ).rejects.toThrow(/embedding worker failed to start: .*no-such-model/);
  });
});
