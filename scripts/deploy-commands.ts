import { runCli } from '../src/cli/run';
import { deployCommandsCommand } from '../src/discord/deploy-commands';

await runCli(() => deployCommandsCommand());
