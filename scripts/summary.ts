import { summaryCommand } from '../src/cli/summary-command';
import { runCli } from '../src/cli/run';

await runCli(() => summaryCommand(process.argv.slice(2)));
