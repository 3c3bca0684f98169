import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { EngineConfig } from '../config';
import { loadCorpus } from '../corpus/load';
import type { Corpus } from '../corpus/types';
import { openEngine, type Engine } from '../engine';
import { setQuestions, squadQuestions, type EvalQuestion } from './questions';
import { EVAL_DIR, materializeCorpus, readEvalSet } from './sets';
import { readSquad, SQUAD_FILE } from './squad';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** The SQuAD part's name among the sources. */
export const SQUAD = 'squad';

/** Names of every source: the sets in eval/, then the SQuAD part. */
export function sourceNames(): string[] {
  return [
    ...readdirSync(EVAL_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort(),
    SQUAD,
  ];
}

export interface EvalSource {
  name: string;
  /** Chat-style questions written for this project, or SQuAD's crowd-written ones. */
  kind: 'chat' | 'squad';
  engine: Engine;
  corpus: Corpus;
  questions: EvalQuestion[];
}

/**
 * Opens an eval source: its corpus (a subset of a large collection copied under `workDir`, or
 * the SQuAD articles written there), its index (built or refreshed in `workDir`) and its
 * questions. Null, with a warning, when its data is not on this machine.
 */
export async function openSource(name: string, settings: EngineConfig, workDir: string, log: Logger): Promise<EvalSource | null> {
  let corpusDir: string;
  let questions: EvalQuestion[];
  if (name === SQUAD) {
    if (!existsSync(SQUAD_FILE)) {
      log.warn(`Skipping SQuAD: ${SQUAD_FILE} is not on this machine.`);
      return null;
    }
    const squad = readSquad(workDir);
    corpusDir = squad.corpusDir;
    questions = squadQuestions(squad.questions);
  } else {
    const set = readEvalSet(path.join(EVAL_DIR, `${name}.json`), REPO_ROOT);
    if (!existsSync(set.corpus.root)) {
      log.warn(`Skipping eval set ${name}: its corpus ${set.corpus.root} is not on this machine.`);
      return null;
    }
    corpusDir = materializeCorpus(set, workDir);
    questions = setQuestions(set);
  }
  const indexDir = path.join(workDir, 'indexes', path.basename(corpusDir));
  const { engine } = await openEngine({ settings: { ...settings, corpusDir, indexDir }, log });
  return { name, kind: name === SQUAD ? 'squad' : 'chat', engine, corpus: await loadCorpus(corpusDir), questions };
}
