import { main } from '../src/discord/start';

await main();
