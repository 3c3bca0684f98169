import type { TreeModel, TreeNode } from '../answer/rank';

/**
 * A gradient-boosted tree ranker (LambdaMART's recipe with a softmax listwise loss): each round
 * fits a small regression tree to the gradient of every question's softmax cross-entropy over
 * its candidates, with Newton leaf values. Trees find what a linear model cannot: that an
 * answer-type match decides a "who" question but not a "why" one, that lexical overlap counts
 * for long, precise questions more than for chat ones. Features are binned into quantiles once
 * (histogram splits), so a round costs a few passes over the candidates.
 */

/** One question's candidates: feature rows and which of them answer it. */
export interface Group {
  rows: Float64Array[];
  gold: boolean[];
  /** How much this question counts (sources are balanced with it). */
  weight: number;
}

export interface BoostOptions {
  rounds: number;
  depth: number;
  learningRate: number;
  /** L2 on leaf values (XGBoost's lambda). */
  lambda?: number;
  /** A split needs at least this much hessian on each side (XGBoost's min_child_weight). */
  minChildWeight?: number;
  /** Quantile bins per feature. */
  bins?: number;
}

const DEFAULT_LAMBDA = 1;
const DEFAULT_MIN_CHILD_WEIGHT = 1;
const DEFAULT_BINS = 32;

/** Fits trees to a listwise softmax loss over each group's candidates (the ranker). */
export function fitTrees(groups: readonly Group[], features: readonly string[], options: BoostOptions): TreeModel {
  const usable = groups.filter((g) => g.gold.some(Boolean) && g.rows.length > 1);
  const rows = usable.flatMap((g) => g.rows);
  const gold = Uint8Array.from(usable.flatMap((g) => g.gold.map((x) => (x ? 1 : 0))));
  const meanWeight = usable.reduce((sum, g) => sum + g.weight, 0) / Math.max(1, usable.length);
  const weight = Float64Array.from(usable.flatMap((g) => g.rows.map(() => g.weight / meanWeight)));
  const starts = [0];
  for (const group of usable) starts.push(starts[starts.length - 1]! + group.rows.length);
  return boost(rows, features, options, (score, gradient, hessian) => {
    for (let g = 0; g + 1 < starts.length; g++) {
      const from = starts[g]!;
      const to = starts[g + 1]!;
      let max = -Infinity;
      for (let i = from; i < to; i++) max = Math.max(max, score[i]!);
      let sum = 0;
      let goldSum = 0;
      for (let i = from; i < to; i++) {
        const e = Math.exp(score[i]! - max);
        sum += e;
        if (gold[i]) goldSum += e;
      }
      // d(-log(gold/all))/ds_i = p_i - q_i, with p over all candidates and q over the gold ones.
      for (let i = from; i < to; i++) {
        const e = Math.exp(score[i]! - max);
        const p = e / sum;
        gradient[i] = weight[i]! * (p - (gold[i] ? e / goldSum : 0));
        hessian[i] = weight[i]! * Math.max(p * (1 - p), 1e-6);
      }
    }
  });
}

/**
 * The booster: each round asks the objective for every row's gradient and hessian at the
 * current scores, grows one tree on them with Newton leaf values, and adds it.
 */
function boost(
  rows: readonly Float64Array[],
  features: readonly string[],
  options: BoostOptions,
  objective: (score: Float64Array, gradient: Float64Array, hessian: Float64Array) => void,
): TreeModel {
  const size = features.length;
  const n = rows.length;
  const thresholds = Array.from({ length: size }, (_, k) => quantileThresholds(rows, k, options.bins ?? DEFAULT_BINS));
  // Column-major bin indices: bin b holds values in [thresholds[b-1], thresholds[b]).
  const binned = thresholds.map((cuts, k) => Uint8Array.from(rows, (row) => binOf(cuts, row[k]!)));
  const score = new Float64Array(n);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const trees: TreeNode[] = [];
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const lambda = options.lambda ?? DEFAULT_LAMBDA;
  const minChild = options.minChildWeight ?? DEFAULT_MIN_CHILD_WEIGHT;
  for (let round = 0; round < options.rounds; round++) {
    objective(score, gradient, hessian);
    const tree = grow(all, options.depth);
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i]! += options.learningRate * evaluate(tree, rows[i]!);
  }
  return { kind: 'trees', features: [...features], learningRate: options.learningRate, trees };

  function grow(indices: Int32Array, depth: number): TreeNode {
    let G = 0;
    let H = 0;
    for (const i of indices) {
      G += gradient[i]!;
      H += hessian[i]!;
    }
    const leaf = { value: -G / (H + lambda) };
    if (depth === 0 || indices.length < 2) return leaf;
    let best = { gain: 1e-9, feature: -1, bin: -1 };
    for (let k = 0; k < size; k++) {
      const cuts = thresholds[k]!;
      if (cuts.length === 0) continue;
      const gBins = new Float64Array(cuts.length + 1);
      const hBins = new Float64Array(cuts.length + 1);
      const column = binned[k]!;
      for (const i of indices) {
        gBins[column[i]!]! += gradient[i]!;
        hBins[column[i]!]! += hessian[i]!;
      }
      let GL = 0;
      let HL = 0;
      for (let b = 0; b < cuts.length; b++) {
        GL += gBins[b]!;
        HL += hBins[b]!;
        const GR = G - GL;
        const HR = H - HL;
        if (HL < minChild || HR < minChild) continue;
        const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - (G * G) / (H + lambda);
        if (gain > best.gain) best = { gain, feature: k, bin: b };
      }
    }
    if (best.feature < 0) return leaf;
    const column = binned[best.feature]!;
    const left = indices.filter((i) => column[i]! <= best.bin);
    const right = indices.filter((i) => column[i]! > best.bin);
    return {
      feature: best.feature,
      threshold: thresholds[best.feature]![best.bin]!,
      left: grow(left, depth - 1),
      right: grow(right, depth - 1),
    };
  }
}

function evaluate(node: TreeNode, row: ArrayLike<number>): number {
  while ('feature' in node) node = row[node.feature]! < node.threshold ? node.left : node.right;
  return node.value;
}

/** Distinct cut points at the feature's quantiles: a value below cut b falls in bin ≤ b. */
function quantileThresholds(rows: readonly Float64Array[], k: number, bins: number): number[] {
  const values = Float64Array.from(rows, (row) => row[k]!).sort();
  const cuts = new Set<number>();
  for (let b = 1; b < bins; b++) {
    const value = values[Math.floor((b * values.length) / bins)]!;
    if (value > values[0]!) cuts.add(value);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The bin of a value: the number of cut points at or below it. */
function binOf(cuts: readonly number[], value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cuts[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
