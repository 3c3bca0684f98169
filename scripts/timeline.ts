import { timelineCommand } from '../src/cli/timeline-command';
import { runCli } from '../src/cli/run';

await runCli(() => timelineCommand(process.argv.slice(2)));
