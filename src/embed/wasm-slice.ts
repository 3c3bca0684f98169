import * as tfjs from '@energetic-ai/core';

/**
 * TF.js's WASM backend slices in JavaScript after copying the *whole* input out of WASM memory
 * (`readSync`), once per slice; SplitV slices its input once per output. In the Universal Sentence
 * Encoder that copying is ~12% of the encoder's time. These kernels read the input in place
 * (a view of WASM memory) and copy only the slice. Output is identical (tested).
 */

// The bundle's type declarations point at @tensorflow/tfjs-core, which is not installed: the little
// of TF.js's kernel API used here, typed locally.
type TypedArray = Float32Array | Int32Array | Uint8Array;
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface WasmBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(tensor: TensorInfo): TypedArray;
}
type KernelArgs = { inputs: { x: TensorInfo }; attrs: Record<string, unknown>; backend: WasmBackend };
type KernelFunc = (args: KernelArgs) => TensorInfo | TensorInfo[];
interface KernelApi {
  Slice: string;
  SplitV: string;
  getKernel(name: string, backend: string): { kernelFunc: KernelFunc } | undefined;
  registerKernel(config: { kernelName: string; backendName: string; kernelFunc: KernelFunc }): void;
  unregisterKernel(name: string, backend: string): void;
  slice_util: { parseSliceParams(x: TensorInfo, begin: number[], size: number[]): [number[], number[]] };
  util: { parseAxisParam(axis: number, shape: number[]): number[]; computeStrides(shape: number[]): number[] };
  backend_util: { prepareSplitSize(x: TensorInfo, splits: number[] | number, axis: number): number[] };
}
const tf = tfjs as unknown as KernelApi;

let installed = false;

/**
 * Replaces the WASM backend's Slice and SplitV kernels (once per thread; kernels are global to
 * TF.js). Returns whether they are in place.
 */
export function installWasmSliceKernels(): boolean {
  if (installed) return true;
  const original = tf.getKernel(tf.Slice, 'wasm');
  if (!original) return false;
  installed = true;
  const stringSlice = original.kernelFunc;

  const slice = (args: KernelArgs): TensorInfo | TensorInfo[] => {
    const { x } = args.inputs;
    if (x.dtype === 'string') return stringSlice(args);
    const [begin, size] = tf.slice_util.parseSliceParams(x, args.attrs.begin as number[], args.attrs.size as number[]);
    const out = args.backend.makeOutput(size, x.dtype);
    // Views taken after makeOutput: allocating may grow WASM memory and detach earlier views.
    copySlice(args.backend.typedArrayFromHeap(x), x.shape, begin, size, args.backend.typedArrayFromHeap(out));
    return out;
  };

  const splitV = (args: KernelArgs): TensorInfo[] => {
    const { x } = args.inputs;
    const axis = tf.util.parseAxisParam(args.attrs.axis as number, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x, args.attrs.numOrSizeSplits as number[] | number, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((length) => {
      const size = [...x.shape];
      size[axis] = length;
      const part = slice({ ...args, attrs: { begin: [...begin], size } });
      begin[axis]! += length;
      return part as TensorInfo;
    });
  };

  for (const [kernelName, kernelFunc] of [
    [tf.Slice, slice],
    [tf.SplitV, splitV],
  ] as const) {
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  return true;
}

/** Copies the box `begin`..`begin+size` of a row-major array of `shape` into `out`, a row at a time. */
export function copySlice(source: TypedArray, shape: number[], begin: number[], size: number[], out: TypedArray): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = source[0]!;
    return;
  }
  const strides = tf.util.computeStrides(shape);
  const rowLength = size[rank - 1]!;
  const rows = size.slice(0, -1).reduce((a, b) => a * b, 1);
  const index = new Array<number>(rank - 1).fill(0);
  for (let row = 0; row < rows; row++) {
    let offset = begin[rank - 1]!;
    for (let d = 0; d < rank - 1; d++) offset += (begin[d]! + index[d]!) * strides[d]!;
    out.set(source.subarray(offset, offset + rowLength), row * rowLength);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d]! < size[d]!) break;
      index[d] = 0;
    }
  }
}
