import { storiesCommand } from '../src/cli/stories-command';
import { runCli } from '../src/cli/run';

await runCli(() => storiesCommand(process.argv.slice(2)));
