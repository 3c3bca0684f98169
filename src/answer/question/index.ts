export { analyzeQuestion, MAX_QUESTION_CHARS, QuestionError, type Question, type QuestionProblem, type QuestionTerm } from './analyze';
export type { Expansion } from './expand';
export { INTENTS, readIntent, type QuestionIntent } from './intent';
export { normalizeQuestionText } from './normalize';
export { readsAsQuestion } from './reads-as-question';
