import { cpSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID, DEFAULT_TRANSFORMERS_MODEL, EmbedderUnavailableError, openEmbedder, openIndexEmbedder } from '../../src/embed';
import { REPO_ROOT, tempDir } from '../support/paths';

/** A logger whose lines the test can read. */
function recordingLog() {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line).msg) });
  return { log, lines };
}

describe('choosing an encoder', () => {
  it('auto falls back to the bundled encoder when the transformers.js model is not available, and says so', async () => {
    const { log, lines } = recordingLog();
    const embedder = await openEmbedder('auto', { modelsDir: tempDir('models-'), allowRemoteModels: false, log });
    try {
      expect(embedder.id).toBe(BUNDLED_MODEL_ID);
      expect(lines.join('\n')).toMatch(/embedding model: bundled:use-lite \(bundled; Xenova\/all-MiniLM-L6-v2 is not in /);
    } finally {
      await embedder.close();
    }
  });

  it('auto uses the transformers.js model when it is in MODELS_DIR', async () => {
    const modelsDir = tempDir('models-');
    // The tiny test model, placed where the default model would be.
    cpSync(path.join(REPO_ROOT, 'test/fixtures/models/test/tiny-bert'), path.join(modelsDir, DEFAULT_TRANSFORMERS_MODEL), {
      recursive: true,
    });
    const { log, lines } = recordingLog();
    const embedder = await openEmbedder('auto', { modelsDir, allowRemoteModels: false, log });
    try {
      expect(embedder.id).toBe(DEFAULT_TRANSFORMERS_MODEL);
      expect(lines).toContain(`embedding model: ${DEFAULT_TRANSFORMERS_MODEL}`);
    } finally {
      await embedder.close();
    }
  });

  it('bundled always loads, offline', async () => {
    const embedder = await openEmbedder('bundled', { modelsDir: tempDir('models-'), allowRemoteModels: false, log: recordingLog().log });
    expect(embedder.dimension).toBe(512);
    await embedder.close();
  });

  it('an index whose model cannot be loaded gets an error that says how to fix it', async () => {
    const open = openIndexEmbedder('Xenova/bge-small-en-v1.5', {
      modelsDir: tempDir('models-'),
      allowRemoteModels: false,
      log: recordingLog().log,
    });
    await expect(open).rejects.toThrow(EmbedderUnavailableError);
    await expect(open).rejects.toMatchObject({
      modelId: 'Xenova/bge-small-en-v1.5',
      hint: expect.stringContaining('EMBEDDING_MODEL=bundled npm run index'),
    });
  });
});
