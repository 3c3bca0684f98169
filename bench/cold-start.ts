/**
 * Group 2, cold start: process start → first answer from the CLI (`npm run ask` with an existing
 * index), and process start → bot ready (`npm start` against the Discord emulator), with the
 * parts of a start measured inside a fresh process.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ColdInput, ColdOutput } from './child/cold-components';
import type { ChildReport } from './child/io';
import { REPO_ROOT, runChild, type BenchContext } from './context';
import { median, round, type Table } from './stats';

const TSX_CLI = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

// A well-formed token (three dot-separated parts): the bot's configuration insists on one.
const BOT_TOKEN = 'MTE5ODc2NTQzMjEwOTg3NjU0Mw.GxYz12.benchmarkSecretPart_abcdefghijklmnop';

export interface Timing {
  runs: number;
  /** Median over runs, ms. */
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface IndexUnderTest {
  label: string;
  corpusDir: string;
  indexDir: string;
  question: string;
}

export interface ColdStartFigures {
  note: string;
  baselines: { nodeBare: Timing; nodeImportTsxHelp: Timing | null; tsxHelp: Timing | null; npmRunAskHelp: Timing };
  cli: { index: string; command: string; firstAnswer: Timing; exit: Timing }[];
  components: ({ index: string } & Record<string, number | string>)[];
  bot: {
    index: string;
    status: 'ok' | 'pending';
    error?: string;
    identify?: Timing;
    ready?: Timing;
    firstAnswerAfterReady?: Timing;
    reportedStartupSeconds?: number;
  }[];
}

export async function benchColdStart(context: BenchContext, indexes: IndexUnderTest[]): Promise<ColdStartFigures> {
  const runs = context.sizes.coldRuns;
  const env = { EMBEDDING_MODEL: 'bundled', LOG_LEVEL: 'warn', CACHE_DIR: path.join(context.workDir, 'cache-cli') };

  // Every process start measured, run after run in a rotating order (so background load and
  // caches favour none): the baselines show where a start goes before any of our code runs.
  const full = context.mode !== 'quick';
  interface Probe {
    key: string;
    run: () => Promise<{ first: number; exit: number }>;
    first: number[];
    exit: number[];
  }
  const probe = (key: string, command: string, args: string[], extraEnv: Record<string, string> = {}): Probe => ({
    key,
    run: () => timeProcess(command, args, { ...env, ...extraEnv }),
    first: [],
    exit: [],
  });
  const probes: Probe[] = [
    probe('nodeBare', process.execPath, ['-e', '0']),
    ...(full
      ? [
          probe('nodeImportTsxHelp', process.execPath, ['--import', 'tsx', 'scripts/ask.ts', '--help']),
          probe('tsxHelp', process.execPath, [TSX_CLI, 'scripts/ask.ts', '--help']),
        ]
      : []),
    probe('npmRunAskHelp', 'npm', ['run', '--silent', 'ask', '--', '--help']),
    ...indexes.flatMap((target, t) => [
      probe(`asIs:${t}`, 'npm', ['run', '--silent', 'ask', '--', '--json', '--index', target.indexDir, target.question]),
      probe(`checked:${t}`, 'npm', ['run', '--silent', 'ask', '--', '--json', target.question], {
        CORPUS_DIR: target.corpusDir,
        INDEX_DIR: target.indexDir,
      }),
    ]),
  ];
  context.log(`  [2] ${runs} × ${probes.length} process starts (baselines, npm run ask on ${indexes.map((i) => i.label).join(', ')})…`);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < probes.length; k++) {
      const p = probes[(k + r) % probes.length]!;
      const t = await p.run();
      p.first.push(t.first);
      p.exit.push(t.exit);
    }
  }
  const byKey = new Map(probes.map((p) => [p.key, p]));
  const exitOf = (key: string) => (byKey.has(key) ? timing(byKey.get(key)!.exit) : null);
  const nodeBare = exitOf('nodeBare')!;
  const nodeImportTsxHelp = exitOf('nodeImportTsxHelp');
  const tsxHelp = exitOf('tsxHelp');
  const npmRunAskHelp = exitOf('npmRunAskHelp')!;

  const cli: ColdStartFigures['cli'] = [];
  const components: ColdStartFigures['components'] = [];
  for (const [t, target] of indexes.entries()) {
    const asIs = byKey.get(`asIs:${t}`)!;
    const checked = byKey.get(`checked:${t}`)!;
    cli.push({
      index: target.label,
      command: 'npm run ask -- --json --index DIR "q" (the index as it is)',
      firstAnswer: timing(asIs.first),
      exit: timing(asIs.exit),
    });
    cli.push({
      index: target.label,
      command: 'CORPUS_DIR=… INDEX_DIR=… npm run ask -- --json "q" (reads the corpus, checks the index is fresh)',
      firstAnswer: timing(checked.first),
      exit: timing(checked.exit),
    });

    const parts = await runChild<ColdOutput & ChildReport>(context, 'cold-components', {
      indexDir: target.indexDir,
      question: target.question,
    } satisfies ColdInput);
    components.push({
      index: target.label,
      nodeTsxAndImportsMs: round(parts.result.startupMs, 0),
      loadIndexMs: round(parts.result.loadIndexMs, 0),
      loadEncoderMs: round(parts.result.loadEncoderMs, 0),
      firstAskMs: round(parts.result.firstAskMs, 0),
      secondAskMs: round(parts.result.secondAskMs, 1),
    });
  }

  const bot: ColdStartFigures['bot'] = [];
  for (const target of indexes) {
    context.log(`  [2] bot start (npm start against the Discord emulator) on ${target.label}…`);
    bot.push(await benchBot(context, target, Math.min(runs, 3)));
  }

  return {
    note: 'fresh processes, warm OS file cache; median of the runs (all starts interleaved, rotating order). CLI first answer = spawn → first byte on stdout (the JSON answer)',
    baselines: { nodeBare, nodeImportTsxHelp, tsxHelp, npmRunAskHelp },
    cli,
    components,
    bot,
  };
}

async function benchBot(context: BenchContext, target: IndexUnderTest, runs: number): Promise<ColdStartFigures['bot'][number]> {
  let emulatorModule: typeof import('../test/discord/emulator');
  try {
    emulatorModule = await import('../test/discord/emulator');
  } catch (error) {
    return { index: target.label, status: 'pending', error: `emulator not loadable: ${(error as Error).message}` };
  }
  const identify: number[] = [],
    ready: number[] = [],
    answered: number[] = [];
  let reportedStartupSeconds: number | undefined;
  try {
    for (let r = 0; r < runs; r++) {
      const emu = await emulatorModule.startDiscordEmulator({ token: BOT_TOKEN, defaultTimeoutMs: 120_000, callbackDeadlineMs: Infinity });
      const env = {
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_CLIENT_ID: emu.applicationId,
        DISCORD_GUILD_ID: emu.guildId,
        DISCORD_API_URL: emu.apiUrl,
        CORPUS_DIR: target.corpusDir,
        INDEX_DIR: target.indexDir,
        CACHE_DIR: path.join(context.workDir, 'cache-bot'),
        EMBEDDING_MODEL: 'bundled',
        LOG_LEVEL: 'info',
        ASK_COOLDOWN_SECONDS: '0',
      };
      const started = performance.now();
      const child = spawn('npm', ['start'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      let exited = false;
      const exit = new Promise<void>((resolve) => child.on('close', () => ((exited = true), resolve())));
      const readyLine = new Promise<number>((resolve, reject) => {
        const onData = (data: Buffer) => {
          output += data.toString();
          const startup = /"seconds":\s*([\d.]+)[^\n]*index ready/.exec(output) ?? /index ready[^\n]*\(.*?([\d.]+) s\)/.exec(output);
          if (startup) reportedStartupSeconds = Number(startup[1]);
          if (/logged in as/.test(output)) resolve(performance.now());
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exit.then(() => reject(new Error(`the bot exited before it was ready:\n${output.slice(-1500)}`)));
      });
      readyLine.catch(() => undefined); // awaited below; this only keeps a late rejection from going unhandled
      try {
        await emu.waitForIdentify(1);
        identify.push(performance.now() - started);
        ready.push((await readyLine) - started);
        const sent = performance.now();
        const handle = emu.sendSlashCommand({ name: 'ask', options: { question: target.question } });
        await emu.waitForEdit(handle, (e) => typeof e.body.content === 'string' && e.body.content.length > 0);
        answered.push(performance.now() - sent);
      } finally {
        if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exit, sleep(15_000)]);
        if (!exited && child.pid) process.kill(-child.pid, 'SIGKILL');
        await emu.close();
      }
    }
  } catch (error) {
    return { index: target.label, status: 'pending', error: (error as Error).message.slice(0, 2000) };
  }
  return {
    index: target.label,
    status: 'ok',
    identify: timing(identify),
    ready: timing(ready),
    firstAnswerAfterReady: timing(answered),
    ...(reportedStartupSeconds !== undefined ? { reportedStartupSeconds } : {}),
  };
}

/** Spawn → first stdout byte, and spawn → exit, of one process. */
function timeProcess(command: string, args: string[], env: Record<string, string>): Promise<{ first: number; exit: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | null = null;
    let stderr = '';
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', () => (first ??= performance.now() - started));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(-1000)}`));
      else resolve({ first: first ?? exit, exit });
    });
  });
}

function timing(values: number[]): Timing {
  return {
    runs: values.length,
    medianMs: round(median(values), 0),
    minMs: round(Math.min(...values), 0),
    maxMs: round(Math.max(...values), 0),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export function coldStartTables(f: ColdStartFigures): Table[] {
  const fmt = (t: Timing | undefined | null) => (t ? `${t.medianMs} (${t.minMs}–${t.maxMs})` : '—');
  const componentNames = Object.keys(f.components[0] ?? {}).filter((k) => k !== 'index');
  return [
    {
      title: '2. Cold start — process start → first answer / bot ready, ms: median (min–max)',
      columns: ['what', 'index', 'first answer / ready', 'process exit'],
      rows: [
        ['node -e 0 (bare Node start)', '—', '—', fmt(f.baselines.nodeBare)],
        ...(f.baselines.nodeImportTsxHelp
          ? [['node --import tsx scripts/ask.ts --help (Node + tsx loader + CLI imports)', '—', '—', fmt(f.baselines.nodeImportTsxHelp)]]
          : []),
        ...(f.baselines.tsxHelp
          ? [['tsx scripts/ask.ts --help (+ the tsx CLI, which re-spawns Node)', '—', '—', fmt(f.baselines.tsxHelp)]]
          : []),
        ['npm run ask -- --help (+ npm)', '—', '—', fmt(f.baselines.npmRunAskHelp)],
        ...f.cli.map((c) => [c.command, c.index, fmt(c.firstAnswer), fmt(c.exit)]),
        ...f.bot.flatMap((b) =>
          b.status === 'ok'
            ? [
                ['npm start → gateway IDENTIFY (index loaded, encoder warmed)', b.index, fmt(b.identify), '—'],
                ['npm start → bot ready ("logged in as", guild cached)', b.index, fmt(b.ready), '—'],
                ['  then /ask → first answer edited in', b.index, fmt(b.firstAnswerAfterReady), '—'],
              ]
            : [[`npm start → bot ready: PENDING (${(b.error ?? '').split('\n')[0]})`, b.index, '—', '—']],
        ),
      ],
      notes: [
        f.note,
        ...f.bot
          .filter((b) => b.reportedStartupSeconds !== undefined)
          .map(
            (b) => `${b.index}: the bot's own "index ready" log says ${b.reportedStartupSeconds} s (openEngine + warm-up, after imports)`,
          ),
      ],
    },
    {
      title: '2b. Inside a fresh process (node --import tsx), ms',
      columns: ['index', ...componentNames],
      rows: f.components.map((c) => [c.index, ...componentNames.map((k) => c[k] as number)]),
      notes: [
        'nodeTsxAndImportsMs = process start → the measuring code runs (Node + tsx loader + transpiling and importing the engine); firstAskMs includes the encoder’s first-call warm-up',
      ],
    },
  ];
}
