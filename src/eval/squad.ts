import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { StoryQaError } from '../util/errors';

/**
 * The SQuAD 2.0 dev-set part in ../shared (8 Wikipedia articles, crowd-written questions with
 * gold answer offsets, CC BY-SA 4.0) as a corpus of 8 documents and a question list, so that the
 * whole pipeline (index, retrieval, ranking, abstention) is measured on it as on any corpus.
 *
 * The articles are split in two halves by position: the even ones train the ranker (`npm run
 * train`), the odd ones are only ever measured. No figure is reported on a trained article.
 */
export const SQUAD_FILE = path.resolve(import.meta.dirname, '../../../shared/data/squad-v2-dev-part/dev-part.json');

export type SquadSplit = 'train' | 'test';

export interface SquadQuestion {
  id: string;
  question: string;
  docId: string;
  split: SquadSplit;
  /** Gold answers as offsets in the document's text; empty for an unanswerable question. */
  answers: { start: number; end: number }[];
}

export interface SquadSet {
  corpusDir: string;
  questions: SquadQuestion[];
}

export class SquadUnavailableError extends StoryQaError {
  override readonly name = 'SquadUnavailableError';
  constructor(readonly file: string) {
    super(`The SQuAD part is not on this machine (${file}).`);
  }
}

interface SquadFile {
  data: { title: string; paragraphs: { context: string; qas: SquadQa[] }[] }[];
}
interface SquadQa {
  id: string;
  question: string;
  is_impossible?: boolean;
  answers: { text: string; answer_start: number }[];
}

const PARAGRAPH_SEPARATOR = '\n\n';

/** Writes the articles as a corpus folder under `workDir` (once) and returns it with the questions. */
export function readSquad(workDir: string, file = SQUAD_FILE): SquadSet {
  if (!existsSync(file)) throw new SquadUnavailableError(file);
  const squad = JSON.parse(readFileSync(file, 'utf8')) as SquadFile;
  const corpusDir = path.join(workDir, 'squad-v2-dev-part');
  mkdirSync(corpusDir, { recursive: true });
  const questions: SquadQuestion[] = [];
  squad.data.forEach((article, position) => {
    const docId = slug(article.title);
    const split: SquadSplit = position % 2 === 0 ? 'train' : 'test';
    // Paragraphs are trimmed (three contexts carry stray spaces) and answer offsets shifted with them.
    let text = '';
    const offsets: { at: number; lead: number }[] = [];
    for (const paragraph of article.paragraphs) {
      if (text) text += PARAGRAPH_SEPARATOR;
      const lead = paragraph.context.length - paragraph.context.trimStart().length;
      offsets.push({ at: text.length, lead });
      text += paragraph.context.trim();
    }
    article.paragraphs.forEach((paragraph, p) => {
      const { at, lead } = offsets[p]!;
      for (const qa of paragraph.qas) {
        const answers = (qa.is_impossible ? [] : qa.answers).map((a) => ({
          start: at + a.answer_start - lead,
          end: at + a.answer_start - lead + a.text.length,
        }));
        questions.push({ id: qa.id, question: qa.question, docId, split, answers });
      }
    });
    const target = path.join(corpusDir, `${docId}.md`);
    const content = matter.stringify(`${text}\n`, { title: article.title.replace(/_/g, ' ') });
    if (!existsSync(target) || readFileSync(target, 'utf8') !== content) writeFileSync(target, content);
  });
  return { corpusDir, questions };
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
