import { addCommand } from '../src/cli/add-command';
import { runCli } from '../src/cli/run';

await runCli(() => addCommand(process.argv.slice(2)));
