export { candidatesFor, FEATURES, sentenceTerms, type Candidate, type FeatureName } from './features';
export {
  checkModel,
  linearScore,
  modelScore,
  sigmoid,
  treeScore,
  type LinearModel,
  type Model,
  type TreeModel,
  type TreeNode,
} from './model';
export { committedRanker, rankCandidates, scoreCandidates, type RankedCandidate, type Ranking, type RankOptions } from './rank';
export { resolveQuestion, type ResolvedQuestion, type ResolvedTerm } from './resolve';
