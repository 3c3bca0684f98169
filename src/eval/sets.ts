import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface AnswerableQuestion {
  question: string;
  docId: string;
  /** Sentences of the document that answer the question, verbatim. */
  gold: string[];
  /** What kind of answer its writer expects (overview, person, date, count…). */
  type?: string;
  /** `tune` questions may be looked at and trained on, `train` ones only trained on; `test` ones are only ever measured. */
  split?: EvalSplit;
  /** The shortest verbatim span of a gold sentence that is the answer, when there is one. */
  answer?: string | null;
}

export interface UnanswerableQuestion {
  question: string;
  why: string;
  docId?: string;
  type?: string;
  split?: EvalSplit;
}

export type EvalSplit = 'tune' | 'test' | 'train';

export interface EvalSet {
  name: string;
  description: string;
  corpus: { root: string; perCategory?: number };
  answerable: AnswerableQuestion[];
  unanswerable: UnanswerableQuestion[];
}

/** Where the eval sets live: read by `npm run eval`, the quality tests and the benchmarks alike. */
export const EVAL_DIR = path.resolve(import.meta.dirname, '../../eval');

/** An eval set, its corpus path resolved against the repository root. */
export function readEvalSet(file: string, repoRoot: string): EvalSet {
  const set = JSON.parse(readFileSync(file, 'utf8')) as Omit<EvalSet, 'name'>;
  return { ...set, name: path.basename(file, '.json'), corpus: { ...set.corpus, root: path.resolve(repoRoot, set.corpus.root) } };
}

/**
 * The corpus folder an eval set is asked against. A set over a large collection uses the first
 * `perCategory` files of each category folder, copied into `workDir`: a fixed, realistic
 * multi-document corpus in which the other articles are distractors.
 */
export function materializeCorpus(set: EvalSet, workDir: string): string {
  if (!set.corpus.perCategory) return set.corpus.root;
  if (!existsSync(set.corpus.root)) throw new Error(`Eval corpus ${set.corpus.root} is not available on this machine.`);
  // Named by the collection and the subset, not the set: sets over the same subset share it (and its index).
  const dest = path.join(workDir, `${path.basename(set.corpus.root)}-${set.corpus.perCategory}-per-category`);
  for (const category of readdirSync(set.corpus.root).sort()) {
    const from = path.join(set.corpus.root, category);
    const files = readdirSync(from).filter((f) => f.endsWith('.txt')).sort().slice(0, set.corpus.perCategory);
    mkdirSync(path.join(dest, category), { recursive: true });
    for (const file of files) {
      const target = path.join(dest, category, file);
      if (!existsSync(target)) copyFileSync(path.join(from, file), target);
    }
  }
  return dest;
}
