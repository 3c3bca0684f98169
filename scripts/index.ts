import { indexCommand } from '../src/cli/index-command';
import { runCli } from '../src/cli/run';

await runCli(() => indexCommand(process.argv.slice(2)));
