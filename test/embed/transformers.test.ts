/**
 * The transformers.js backend, run for real (tokenizer, onnxruntime-node, pooling) on the tiny
 * generated model in test/fixtures/models/test/tiny-bert (see test/fixtures/make-tiny-model.ts).
 * That model's output for each token is a fixed table row, so the expected sentence vector is
 * the normalised mean of known rows and can be computed here by hand.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, cpSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { env } from '@xenova/transformers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTransformersEmbedder, ModelUnavailableError } from '../../src/embed/transformers';
import type { Embedder } from '../../src/embed/types';
import { FIXTURE_MODELS_DIR, HIDDEN_SIZE, TINY_MODEL_ID, VOCAB, tableRow, writeTinyModel } from '../fixtures/make-tiny-model';

const FIXTURE_DIR = path.join(FIXTURE_MODELS_DIR, TINY_MODEL_ID);
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];

/** Normalised mean of the table rows of `tokens`: what mean pooling + L2 normalisation must give. */
function expected(tokens: string[], quantized = true): number[] {
  const sum = new Array<number>(HIDDEN_SIZE).fill(0);
  for (const token of tokens) {
    const id = VOCAB.indexOf(token);
    if (id < 0) throw new Error(`test bug: ${token} is not in the vocabulary`);
    tableRow(id, quantized).forEach((x, h) => (sum[h]! += x));
  }
  const mean = sum.map((x) => x / tokens.length);
  const norm = Math.hypot(...mean);
  return mean.map((x) => x / norm);
}

function expectClose(actual: Float32Array | undefined, wanted: number[], tolerance = 1e-5) {
  expect(actual).toBeDefined();
  expect(actual!.length).toBe(wanted.length);
  const worst = Math.max(...wanted.map((w, i) => Math.abs(w - actual![i]!)));
  expect(worst).toBeLessThan(tolerance);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

const tmpDirs: string[] = [];
function tmpModelsDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'story-qa-models-'));
  tmpDirs.push(dir);
  return dir;
}
/** A copy of the fixture model with only some of its files. */
function partialCopy(files: string[]): string {
  const modelsDir = tmpModelsDir();
  for (const file of files) cpSync(path.join(FIXTURE_DIR, file), path.join(modelsDir, TINY_MODEL_ID, file));
  return modelsDir;
}
afterAll(() => tmpDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const SENTENCE = 'The council reported a fire.';
// BertNormalizer lowercases, BertPreTokenizer splits off the '.', WordPiece splits "reported".
const SENTENCE_TOKENS = ['[CLS]', 'the', 'council', 'report', '##ed', 'a', 'fire', '.', '[SEP]'];

describe('the tiny-bert fixture', () => {
  it('is committed and is exactly what make-tiny-model.ts writes', () => {
    expect(existsSync(FIXTURE_DIR), `run: npx tsx test/fixtures/make-tiny-model.ts`).toBe(true);
    const fresh = writeTinyModel(tmpModelsDir());
    for (const file of FILES) {
      expect(readFileSync(path.join(FIXTURE_DIR, file)).equals(readFileSync(path.join(fresh, file))), file).toBe(true);
    }
  });

  it('is small enough to commit', () => {
    for (const file of FILES) expect(readFileSync(path.join(FIXTURE_DIR, file)).length).toBeLessThan(8 * 1024);
  });
});

describe('loadTransformersEmbedder on a local model with allowRemote=false', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: FIXTURE_MODELS_DIR, allowRemote: false });
  });
  afterAll(() => embedder?.close());

  it('reports the model id and the hidden size as its dimension', () => {
    expect(embedder.id).toBe(TINY_MODEL_ID);
    expect(embedder.dimension).toBe(HIDDEN_SIZE);
  });

  it('returns one unit-length vector of that dimension per text', async () => {
    const texts = [SENTENCE, 'news', 'Storm closes the bridge at night', '', 'zebra crossing'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(HIDDEN_SIZE);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
  });

  it('returns no vectors for no texts', async () => {
    expect(await embedder.embed([])).toEqual([]);
  });

  it('gives a sentence the normalised mean of its tokens, [CLS] and [SEP] included', async () => {
    const [v] = await embedder.embed([SENTENCE]);
    expectClose(v, expected(SENTENCE_TOKENS));
  });

  it('maps unknown words to [UNK] and splits words into known pieces', async () => {
    const [unknown, plural] = await embedder.embed(['Zebra', 'FLOODS']);
    expectClose(unknown, expected(['[CLS]', '[UNK]', '[SEP]']));
    expectClose(plural, expected(['[CLS]', 'flood', '##s', '[SEP]']));
  });

  it('excludes padding from the mean when a short text is batched with a longer one', async () => {
    const [short] = await embedder.embed(['news', SENTENCE]);
    const realTokens = ['[CLS]', 'news', '[SEP]'];
    expectClose(short, expected(realTokens));
    // The check has teeth: averaging in the six [PAD] positions would give a very different vector.
    const padded = expected([...realTokens, ...new Array(SENTENCE_TOKENS.length - realTokens.length).fill('[PAD]')]);
    expect(maxDiff(short!, padded)).toBeGreaterThan(0.1);
  });

  it('keeps input order, across batch boundaries, and batching does not change any vector', async () => {
    const words = VOCAB.filter((t) => /^[a-z]+$/.test(t));
    // 70 texts of varied lengths: more than two internal batches of 32.
    const texts = Array.from({ length: 70 }, (_, i) => words.slice(i % words.length, (i % words.length) + 1 + (i % 7)).join(' '));
    const batched = await embedder.embed(texts);
    expect(batched).toHaveLength(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const [alone] = await embedder.embed([texts[i]!]);
      expect(maxDiff(batched[i]!, alone!), `text ${i}: ${texts[i]}`).toBeLessThan(1e-6);
      expectClose(batched[i], expected(['[CLS]', ...texts[i]!.split(' '), '[SEP]']));
    }
  });
});

describe('choosing the weights file', () => {
  it('uses onnx/model_quantized.onnx by default', async () => {
    const embedder = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: FIXTURE_MODELS_DIR, allowRemote: false });
    const [v] = await embedder.embed([SENTENCE]);
    await embedder.close();
    expectClose(v, expected(SENTENCE_TOKENS, true));
    // The two files differ measurably, so the checks in this block really tell them apart.
    expect(maxDiff(expected(SENTENCE_TOKENS, true), expected(SENTENCE_TOKENS, false))).toBeGreaterThan(1e-3);
  });

  it('loads onnx/model.onnx with quantized=false', async () => {
    const embedder = await loadTransformersEmbedder(TINY_MODEL_ID, {
      modelsDir: FIXTURE_MODELS_DIR,
      allowRemote: false,
      quantized: false,
    });
    const [v] = await embedder.embed([SENTENCE]);
    await embedder.close();
    expectClose(v, expected(SENTENCE_TOKENS, false));
  });

  it('falls back to onnx/model.onnx when that is the only weights file present', async () => {
    const modelsDir = partialCopy(FILES.filter((f) => f !== 'onnx/model_quantized.onnx'));
    const embedder = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir, allowRemote: false });
    const [v] = await embedder.embed([SENTENCE]);
    await embedder.close();
    expectClose(v, expected(SENTENCE_TOKENS, false));
  });

  it('does not fall back when quantized=true is asked for explicitly', async () => {
    const modelsDir = partialCopy(FILES.filter((f) => f !== 'onnx/model_quantized.onnx'));
    await expect(loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir, allowRemote: false, quantized: true })).rejects.toThrow(
      /onnx\/model_quantized\.onnx/,
    );
  });

  it('keeps concurrent loads from different folders apart', async () => {
    const fullOnly = partialCopy(FILES.filter((f) => f !== 'onnx/model_quantized.onnx'));
    const [a, b] = await Promise.all([
      loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: FIXTURE_MODELS_DIR, allowRemote: false }),
      loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: fullOnly, allowRemote: false }),
    ]);
    const [va] = await a.embed([SENTENCE]);
    const [vb] = await b.embed([SENTENCE]);
    await Promise.all([a.close(), b.close()]);
    expectClose(va, expected(SENTENCE_TOKENS, true));
    expectClose(vb, expected(SENTENCE_TOKENS, false));
  });
});

describe('when the model is not available', () => {
  it('rejects quickly with ModelUnavailableError naming the folder it looked in and what to do', async () => {
    const started = Date.now();
    const error = await loadTransformersEmbedder('nobody/no-such-model', {
      modelsDir: FIXTURE_MODELS_DIR,
      allowRemote: false,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    const e = error as ModelUnavailableError;
    expect(e.modelId).toBe('nobody/no-such-model');
    expect(e.message).toContain(path.join(FIXTURE_MODELS_DIR, 'nobody/no-such-model'));
    expect(e.message).toContain('ALLOW_REMOTE_MODELS=true');
    expect(e.message).toContain('EMBEDDING_MODEL=bundled');
  });

  it('rejects when a required file is missing, naming it', async () => {
    const modelsDir = partialCopy(FILES.filter((f) => f !== 'tokenizer.json'));
    const error = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir, allowRemote: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/missing tokenizer\.json/);
  });

  it('closing makes the embedder unusable', async () => {
    const embedder = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: FIXTURE_MODELS_DIR, allowRemote: false });
    await embedder.close();
    await expect(embedder.embed(['news'])).rejects.toThrow(/closed/);
  });
});

/**
 * The hub is played by a loopback server serving the fixture files at the hub's URL layout
 * (`/<model>/resolve/main/<file>`); env.remoteHost is pointed at it, so nothing leaves the machine.
 */
describe('fetching from a hub', () => {
  let server: Server;
  let hubUrl: string;
  const requests: string[] = [];
  const savedRemoteHost = env.remoteHost;

  beforeAll(async () => {
    const prefix = `/${TINY_MODEL_ID}/resolve/main/`;
    server = createServer((req, res) => {
      const url = req.url ?? '';
      requests.push(url);
      const file = url.startsWith(prefix) ? url.slice(prefix.length) : '';
      if (!FILES.includes(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(path.join(FIXTURE_DIR, file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    env.remoteHost = savedRemoteHost;
    requests.length = 0;
  });

  it('makes no request at all with allowRemote=false, whether or not the model is present', async () => {
    env.remoteHost = hubUrl;
    const embedder = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: FIXTURE_MODELS_DIR, allowRemote: false });
    await embedder.embed([SENTENCE]);
    await embedder.close();
    await expect(loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: tmpModelsDir(), allowRemote: false })).rejects.toBeInstanceOf(
      ModelUnavailableError,
    );
    expect(requests).toEqual([]);
  });

  it('with allowRemote=true downloads missing files into modelsDir, so later loads work offline', async () => {
    env.remoteHost = hubUrl;
    const modelsDir = tmpModelsDir();
    const online = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir, allowRemote: true });
    const [v] = await online.embed([SENTENCE]);
    await online.close();
    expectClose(v, expected(SENTENCE_TOKENS, true));
    expect(requests.length).toBeGreaterThan(0);

    const cached = readdirSync(path.join(modelsDir, TINY_MODEL_ID), { recursive: true }).map(String).sort();
    expect(cached).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']));

    requests.length = 0;
    const offline = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir, allowRemote: false });
    expectClose((await offline.embed([SENTENCE]))[0], expected(SENTENCE_TOKENS, true));
    await offline.close();
    expect(requests).toEqual([]);
  });

  it('with allowRemote=true and the hub unreachable, rejects with ModelUnavailableError', async () => {
    // A port that was just free and is closed again: the connection is refused at once.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    env.remoteHost = `http://127.0.0.1:${port}/`;

    const error = await loadTransformersEmbedder(TINY_MODEL_ID, { modelsDir: tmpModelsDir(), allowRemote: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toContain('EMBEDDING_MODEL=bundled');
  });

  it('with allowRemote=true and the model missing on the hub, rejects with ModelUnavailableError', async () => {
    env.remoteHost = hubUrl;
    const error = await loadTransformersEmbedder('nobody/no-such-model', { modelsDir: tmpModelsDir(), allowRemote: true }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/Could not locate file/);
  });
});
