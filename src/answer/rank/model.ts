import { StoryQaError } from '../../util/errors';

/**
 * The models `npm run train` writes, over named features: gradient-boosted regression trees (the
 * ranker: higher scores for better candidate sentences) and a logistic regression (the abstention
 * model: the log-odds that the corpus answers the question).
 */

/** A node of a regression tree: a leaf's value, or a split (left when the feature is below the threshold). */
export type TreeNode = { value: number } | { feature: number; threshold: number; left: TreeNode; right: TreeNode };

/** Gradient-boosted regression trees: the score is the learning rate times the sum of the trees' values. */
export interface TreeModel {
  kind: 'trees';
  features: readonly string[];
  learningRate: number;
  trees: TreeNode[];
}

/** A linear model on standardised features: w · ((x - mean) / scale) + bias. */
export interface LinearModel {
  kind: 'linear';
  features: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

export type Model = TreeModel | LinearModel;

export function modelScore(model: Model, values: ArrayLike<number>): number {
  return model.kind === 'trees' ? treeScore(model, values) : linearScore(model, values);
}

export function linearScore(model: LinearModel, values: ArrayLike<number>): number {
  let score = model.bias;
  for (let i = 0; i < model.weights.length; i++) score += model.weights[i]! * ((values[i]! - model.mean[i]!) / model.scale[i]!);
  return score;
}

export function treeScore(model: TreeModel, values: ArrayLike<number>): number {
  const { feature, threshold, left, right, value, roots } = flatTrees(model);
  let score = 0;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    while (feature[node]! >= 0) node = values[feature[node]!]! < threshold[node]! ? left[node]! : right[node]!;
    score += value[node]!;
  }
  return model.learningRate * score;
}

/** A model's trees as parallel typed arrays (feature -1: a leaf), the same splits and values. */
interface FlatTrees {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  roots: Int32Array;
}

const flattened = new WeakMap<TreeModel, FlatTrees>();

/**
 * Scoring walks 200 trees for each of 50 candidates per question: over nested JSON objects that
 * took as long as embedding the question (a CPU profile, 2026-12-02); over flat arrays it is a
 * small fraction of it. Built once per model.
 */
function flatTrees(model: TreeModel): FlatTrees {
  const known = flattened.get(model);
  if (known) return known;
  const nodes: TreeNode[] = [];
  const collect = (node: TreeNode): number => {
    const id = nodes.length;
    nodes.push(node);
    if ('feature' in node) {
      collect(node.left);
      collect(node.right);
    }
    return id;
  };
  const roots = Int32Array.from(model.trees.map(collect));
  const ids = new Map(nodes.map((node, id) => [node, id]));
  const flat: FlatTrees = {
    feature: Int32Array.from(nodes, (n) => ('feature' in n ? n.feature : -1)),
    threshold: Float64Array.from(nodes, (n) => ('feature' in n ? n.threshold : 0)),
    left: Int32Array.from(nodes, (n) => ('feature' in n ? ids.get(n.left)! : -1)),
    right: Int32Array.from(nodes, (n) => ('feature' in n ? ids.get(n.right)! : -1)),
    value: Float64Array.from(nodes, (n) => ('value' in n ? n.value : 0)),
    roots,
  };
  flattened.set(model, flat);
  return flat;
}

export class ModelMismatchError extends StoryQaError {
  override readonly name = 'ModelMismatchError';
  constructor(
    readonly expected: readonly string[],
    readonly found: readonly string[],
  ) {
    super(`The trained model's features (${found.join(', ')}) are not the ones the code computes (${expected.join(', ')}).`, {
      hint: 'Retrain it with `npm run train`.',
      userFacing: false,
    });
  }
}

/** Checks that a model was trained on exactly these features, in this order. */
export function checkModel<M extends Model>(model: M, kind: M['kind'], features: readonly string[]): M {
  const sizes = model.kind === 'linear' ? [model.mean, model.scale, model.weights].every((list) => list.length === features.length) : true;
  if (model.kind !== kind || !sizes || model.features.length !== features.length || model.features.some((f, i) => f !== features[i])) {
    throw new ModelMismatchError(features, model.features);
  }
  return model;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
