import { askCommand } from '../src/cli/ask-command';
import { runCli } from '../src/cli/run';

await runCli(() => askCommand(process.argv.slice(2)));
