/**
 * Harness for benchmark child processes: reads the JSON input from argv[2], runs the body and
 * writes its result, with the process's peak RSS and start-up time, to the file in argv[3].
 */
import { writeFileSync } from 'node:fs';

export interface ChildReport {
  /** Time from process start to the body starting (Node start + tsx + imports). */
  startupMs: number;
  /** Peak resident set size of the whole process (worker threads included), in bytes. */
  maxRssBytes: number;
}

export async function childMain<I, O extends object>(body: (input: I) => Promise<O>): Promise<void> {
  const startupMs = performance.now();
  const input = JSON.parse(process.argv[2]!) as I;
  const output = await body(input);
  const report: ChildReport = { startupMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  writeFileSync(process.argv[3]!, JSON.stringify({ ...output, ...report }));
}
