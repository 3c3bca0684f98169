import { feedbackCommand } from '../src/cli/feedback-command';
import { runCli } from '../src/cli/run';

await runCli(() => feedbackCommand(process.argv.slice(2)));
