import { evalCommand } from '../src/cli/eval-command';
import { runCli } from '../src/cli/run';

await runCli(() => evalCommand(process.argv.slice(2)));
