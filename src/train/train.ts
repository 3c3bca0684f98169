import { createHash } from 'node:crypto';
import { ABSTENTION_FEATURES, abstentionFeatures } from '../answer/abstain';
import { analyzeQuestion, QuestionError } from '../answer/question';
import {
  FEATURES,
  linearScore,
  rankCandidates,
  scoreCandidates,
  sigmoid,
  type LinearModel,
  type Ranking,
  type TreeModel,
} from '../answer/rank';
import type { EvalQuestion } from '../eval/questions';
import type { EvalSource } from '../eval/sources';
import { fitTrees, type BoostOptions, type Group } from './boost';
import { fitLogistic } from './logistic';

/**
 * What `npm run train` does, given the training sources: ranks every training question once
 * (features do not depend on the model), picks the ranker's L2 penalty and the weight of the
 * chat-style questions by cross-validation, fits the ranker on all of them, then fits the
 * abstention model on out-of-fold rankings (so it learns from scores like those of questions the
 * ranker has never seen) and sets its threshold.
 *
 * Only questions marked for training are used: the tuning halves of the hand-written sets,
 * the old sets (written before, tuned on), and SQuAD's training articles. Test halves and
 * SQuAD's test articles are never read here.
 */

export interface TrainingExample {
  source: EvalSource;
  item: EvalQuestion;
  ranking: Ranking;
  /** Which candidates answer it (empty for unanswerable questions). */
  gold: boolean[];
  fold: number;
}

export interface TrainingRecord {
  trainedAt: string;
  sources: { name: string; questions: number; answerable: number }[];
  folds: number;
  chosen: Setting;
  /** Cross-validated P@1 of each setting tried, chat-style and SQuAD questions apart. */
  crossValidation: (Setting & { chatP1: number; squadP1: number })[];
  abstention: { threshold: number; chatAnswerableRefused: number; chatUnanswerableRefused: number; squadUnanswerableRefused: number };
}

interface Setting {
  rounds: number;
  depth: number;
  learningRate: number;
  chatShare: number;
}

export interface TrainedModels {
  ranker: TreeModel;
  abstainer: { model: LinearModel; threshold: number };
  record: TrainingRecord;
}

export const FOLDS = 5;
/** Settings tried by cross-validation: tree depth and rounds, and the share of the training weight the chat-style questions get (SQuAD has far more questions). */
const SETTINGS: Setting[] = [
  { rounds: 120, depth: 3, learningRate: 0.1, chatShare: 0.5 },
  { rounds: 120, depth: 3, learningRate: 0.1, chatShare: 0.7 },
  { rounds: 200, depth: 4, learningRate: 0.05, chatShare: 0.5 },
];
/** Chat-style answerable questions the abstention threshold may refuse, on out-of-fold scores. */
const TARGET_ANSWERABLE_REFUSED = 0.04;
const ABSTENTION_L2 = 0.1;
/**
 * The abstention model learns from the chat-style questions only. SQuAD's unanswerable
 * questions are written to look answerable from one paragraph, unlike a reader's near-topic
 * ones, and with them in the training data refusals of chat-style unanswerable questions fell
 * from 36 % to 20 % at the same 3 % of answerable ones refused (out-of-fold).
 */
const abstentionLearnsFrom = (example: TrainingExample) => example.source.kind === 'chat';

/** Is this question one the models may learn from? */
export function isTrainingQuestion(item: EvalQuestion): boolean {
  return item.split === null || item.split === 'tune' || item.split === 'train';
}

export async function collectExamples(sources: readonly EvalSource[]): Promise<TrainingExample[]> {
  const examples: TrainingExample[] = [];
  for (const source of sources) {
    for (const item of source.questions.filter(isTrainingQuestion)) {
      let question;
      try {
        question = analyzeQuestion(item.question);
      } catch (error) {
        if (error instanceof QuestionError) continue;
        throw error;
      }
      // Scored by no model: the features are what is kept, and the committed model may be stale.
      const ranking = await rankCandidates(source.engine, question, { model: UNSCORED });
      const gold = ranking.candidates.map((c) => item.isGold(c.sentence));
      examples.push({ source, item, ranking, gold, fold: foldOf(item.question) });
    }
  }
  return examples;
}

export function train(examples: readonly TrainingExample[], onProgress: (message: string) => void = () => {}): TrainedModels {
  const crossValidation: TrainingRecord['crossValidation'] = [];
  const rankable = examples.filter((e) => e.ranking.question.intent !== 'overview');
  const fit = (part: readonly TrainingExample[], setting: Setting) =>
    fitTrees(groupsOf(part, setting.chatShare), FEATURES, boostOptions(setting));
  const outOfFoldBySetting = new Map<Setting, Map<TrainingExample, Ranking>>();
  for (const setting of SETTINGS) {
    const hits = { chat: [0, 0], squad: [0, 0] };
    const outOfFold = new Map<TrainingExample, Ranking>();
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = fit(
        rankable.filter((e) => e.fold !== fold),
        setting,
      );
      for (const example of examples.filter((e) => e.fold === fold)) {
        const ranking = rescore(example.ranking, model);
        outOfFold.set(example, ranking);
        if (!example.item.answerable || example.ranking.question.intent === 'overview') continue;
        const tally = hits[example.source.kind];
        tally[1]!++;
        if (example.item.isGold(ranking.candidates[0]?.sentence ?? NO_SPAN)) tally[0]!++;
      }
    }
    outOfFoldBySetting.set(setting, outOfFold);
    crossValidation.push({
      ...setting,
      chatP1: hits.chat[0]! / Math.max(1, hits.chat[1]!),
      squadP1: hits.squad[0]! / Math.max(1, hits.squad[1]!),
    });
    onProgress(`cross-validated ${JSON.stringify(crossValidation.at(-1))}`);
  }
  // Chat-style questions are what the bot is for; SQuAD keeps the ranker general. Both count.
  const best = crossValidation.reduce((a, b) => (b.chatP1 + b.squadP1 > a.chatP1 + a.squadP1 ? b : a));
  const chosen = SETTINGS.find(
    (s) => s.rounds === best.rounds && s.depth === best.depth && s.chatShare === best.chatShare && s.learningRate === best.learningRate,
  )!;
  const ranker = fit(rankable, chosen);

  // Abstention learns from out-of-fold rankings: the ranker's scores on questions it did not see.
  const outOfFold = outOfFoldBySetting.get(chosen)!;
  const rows = examples.map((e) => abstentionFeatures(e.source.engine.index, outOfFold.get(e)!));
  const labels = examples.map((e) => e.item.answerable);
  const fitAbstainer = (keep: (i: number) => boolean) => {
    const indices = examples.map((_, i) => i).filter((i) => abstentionLearnsFrom(examples[i]!) && keep(i));
    return fitLogistic(
      indices.map((i) => rows[i]!),
      indices.map((i) => labels[i]!),
      ABSTENTION_FEATURES,
      { l2: ABSTENTION_L2 },
    );
  };
  // The threshold is set on out-of-fold probabilities too: in-sample ones are overconfident.
  const probability = new Array<number>(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fitAbstainer((i) => examples[i]!.fold !== fold);
    examples.forEach((e, i) => {
      if (e.fold === fold) probability[i] = sigmoid(linearScore(model, rows[i]!));
    });
  }
  const abstentionModel = fitAbstainer(() => true);
  const chatAnswerable = examples
    .map((e, i) => ({ e, p: probability[i]! }))
    .filter(({ e }) => e.source.kind === 'chat' && e.item.answerable);
  const threshold = thresholdFor(
    chatAnswerable.map(({ p }) => p),
    TARGET_ANSWERABLE_REFUSED,
  );
  const refused = (kind: 'chat' | 'squad', answerable: boolean) => {
    const part = examples
      .map((e, i) => ({ e, p: probability[i]! }))
      .filter(({ e }) => e.source.kind === kind && e.item.answerable === answerable);
    return part.length ? part.filter(({ p }) => p < threshold).length / part.length : 0;
  };

  const record: TrainingRecord = {
    trainedAt: new Date().toISOString(),
    sources: [...new Set(examples.map((e) => e.source))].map((source) => {
      const own = examples.filter((e) => e.source === source);
      return { name: source.name, questions: own.length, answerable: own.filter((e) => e.item.answerable).length };
    }),
    folds: FOLDS,
    chosen,
    crossValidation,
    abstention: {
      threshold,
      chatAnswerableRefused: refused('chat', true),
      chatUnanswerableRefused: refused('chat', false),
      squadUnanswerableRefused: refused('squad', false),
    },
  };
  return { ranker, abstainer: { model: abstentionModel, threshold }, record };
}

/**
 * Per-question weights: chat-style questions share `chatShare` of the total, SQuAD the rest,
 * evenly within each kind, so SQuAD's many questions do not drown the ones the bot is for.
 */
function balancedWeights(examples: readonly TrainingExample[], chatShare: number): number[] {
  const chat = examples.filter((e) => e.source.kind === 'chat').length;
  const squad = examples.length - chat;
  return examples.map(
    (e) => (e.source.kind === 'chat' ? chatShare / Math.max(1, chat) : (1 - chatShare) / Math.max(1, squad)) * examples.length,
  );
}

function groupsOf(examples: readonly TrainingExample[], chatShare: number): Group[] {
  const weights = balancedWeights(examples, chatShare);
  return examples
    .map((e, i) => ({ rows: e.ranking.candidates.map((c) => c.features), gold: e.gold, weight: weights[i]! }))
    .filter((g) => g.gold.some(Boolean));
}

const NO_SPAN = { docId: '', start: 0, end: 0, text: '' };
const UNSCORED: TreeModel = { kind: 'trees', features: FEATURES, learningRate: 1, trees: [] };

function boostOptions(setting: Setting): BoostOptions {
  return { rounds: setting.rounds, depth: setting.depth, learningRate: setting.learningRate };
}

function rescore(ranking: Ranking, model: TreeModel): Ranking {
  return { ...ranking, candidates: scoreCandidates(ranking, ranking.candidates, model) };
}

/** The highest threshold that refuses at most `share` of these probabilities, rounded down to 0.01. */
function thresholdFor(probabilities: number[], share: number): number {
  const sorted = [...probabilities].sort((a, b) => a - b);
  const mayRefuse = Math.floor(sorted.length * share);
  return Math.floor((sorted[mayRefuse] ?? 0) * 100) / 100;
}

/** A question's fold, from a hash of its text: stable across runs and machines. */
function foldOf(question: string): number {
  return createHash('sha256').update(question).digest().readUInt32BE(0) % FOLDS;
}
