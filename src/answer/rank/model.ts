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
  let score = 0;
  for (let node of model.trees) {
    while ('feature' in node) node = values[node.feature]! < node.threshold ? node.left : node.right;
    score += node.value;
  }
  return model.learningRate * score;
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
