import * as tfjs from '@energetic-ai/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledEmbedder } from '../../src/embed/bundled';
import type { Embedder } from '../../src/embed';
import { copySlice, installWasmSliceKernels } from '../../src/embed/wasm-slice';

interface Tensor {
  arraySync(): unknown;
  dispose(): void;
}
// The few TF.js ops these tests call (the bundle's own type declarations are not resolvable).
const tf = tfjs as unknown as {
  getBackend(): string;
  tensor(values: number[], shape: number[], dtype?: string): Tensor;
  slice(x: Tensor, begin: number[], size: number[]): Tensor;
  split(x: Tensor, sizes: number[], axis: number): Tensor[];
};

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The element at a multi-index of a row-major array of `shape`, spelled out. */
function slowSlice(values: number[], shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const visit = (dim: number, offset: number) => {
    if (dim === shape.length) return void out.push(values[offset]!);
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    for (let i = begin[dim]!; i < begin[dim]! + size[dim]!; i++) visit(dim + 1, offset + i * stride);
  };
  visit(0, 0);
  return out;
}

describe('copying a slice out of a row-major array', () => {
  const cases: [number[], number[], number[]][] = [
    [[10], [3], [4]],
    [
      [4, 5],
      [1, 2],
      [2, 3],
    ],
    [
      [4, 5],
      [2, 0],
      [2, 5],
    ],
    [
      [3, 4, 6],
      [0, 1, 2],
      [3, 2, 4],
    ],
    [
      [2, 3, 4, 5],
      [1, 0, 1, 0],
      [1, 3, 2, 5],
    ],
    [
      [2, 3, 4, 5],
      [0, 1, 3, 4],
      [2, 2, 1, 1],
    ],
  ];
  it.each(cases)('shape %j from %j, size %j', (shape, begin, size) => {
    const source = Float32Array.from(range(shape.reduce((a, b) => a * b, 1)));
    const out = new Float32Array(size.reduce((a, b) => a * b, 1));
    copySlice(source, shape, begin, size, out);
    expect(Array.from(out)).toEqual(slowSlice(Array.from(source), shape, begin, size));
  });
});

describe('the WASM Slice and SplitV kernels used by the bundled encoder', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadBundledEmbedder();
  });
  afterAll(() => embedder.close());

  it('slice and split exactly as TF.js defines them', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(installWasmSliceKernels()).toBe(true);
    const shape = [2, 3, 8];
    const values = range(48).map((v) => v * 0.5);
    const x = tf.tensor(values, shape);
    const part = tf.slice(x, [1, 1, 2], [1, 2, 5]);
    expect((part.arraySync() as number[][][]).flat(2)).toEqual(slowSlice(values, shape, [1, 1, 2], [1, 2, 5]));
    const pieces = tf.split(x, [2, 5, 1], 2);
    expect(pieces.map((p) => (p.arraySync() as number[][][]).flat(2))).toEqual([
      slowSlice(values, shape, [0, 0, 0], [2, 3, 2]),
      slowSlice(values, shape, [0, 0, 2], [2, 3, 5]),
      slowSlice(values, shape, [0, 0, 7], [2, 3, 1]),
    ]);
    const ints = tf.tensor([1, 2, 3, 4, 5, 6], [6], 'int32');
    expect(tf.slice(ints, [2], [3]).arraySync()).toEqual([3, 4, 5]);
    for (const t of [x, part, ints, ...pieces]) t.dispose();
  });
});
