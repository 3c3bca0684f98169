import { trainCommand } from '../src/cli/train-command';
import { runCli } from '../src/cli/run';

await runCli(() => trainCommand(process.argv.slice(2)));
