import type { Answer } from '../answer/types';

/** The `--json` contract of `npm run ask` and `npm run summary`: the answer without what only a surface shows. */
export function answerJson(answer: Answer): string {
  const { warnings: _warnings, ...contract } = answer;
  return JSON.stringify(contract);
}
