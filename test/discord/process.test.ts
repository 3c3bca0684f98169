/**
 * `npm start` as a process: configuration errors, start-up against the emulator, the token
 * kept out of the logs, and SIGTERM → clean exit 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy-commands';
import { REPO_ROOT, tempDir } from '../support/paths';
import { startDiscordEmulator, type DiscordEmulator } from './emulator';
import { TOKEN, botEnv } from './support';

interface Started {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start`, as an operator runs it, with the given environment on top of this one. */
function npmStart(env: Record<string, string>): Started {
  return spawnBot(['npm', 'start', '--silent'], env);
}

const STACK_LINE = /\n\s+at /;

describe('npm start: configuration errors', () => {
  const base = { DISCORD_CLIENT_ID: '123456789012345678', DISCORD_API_URL: 'http://127.0.0.1:9/api', LOG_LEVEL: 'info' };

  it.each([
    ['missing', '', /DISCORD_TOKEN is missing/],
    ['malformed', 'not-a-token', /DISCORD_TOKEN does not look like a bot token/],
  ])('a %s DISCORD_TOKEN: exit 1, the variable and the README section named, no stack trace', async (_case, token, problem) => {
    const run = npmStart({ ...base, DISCORD_TOKEN: token });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(problem);
    expect(run.stderr()).toContain('See README.md, section "Set up a Discord bot".');
    expect(run.stderr()).not.toMatch(STACK_LINE);
    expect(run.stdout()).toBe(''); // nothing was started
  });

  it('every bad variable is listed at once', async () => {
    const run = npmStart({
      DISCORD_TOKEN: '',
      DISCORD_CLIENT_ID: 'abc',
      DISCORD_API_URL: 'https://discord.com/api/v10',
      MAX_CONCURRENT_ANSWERS: '0',
    });
    expect((await run.exited).code).toBe(1);
    const err = run.stderr();
    for (const name of ['DISCORD_TOKEN', 'DISCORD_CLIENT_ID', 'DISCORD_API_URL', 'MAX_CONCURRENT_ANSWERS'])
      expect(err).toContain(`  - ${name} `);
    expect(err).not.toMatch(STACK_LINE);
  });
});

/** The command `npm start` runs, from package.json (without npm in between, so signals reach it). */
function startCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return scripts.start!.split(' ');
}

function spawnBot(command: string[], env: Record<string, string>, options: { detached?: boolean } = {}): Started {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  child.stdin.end();
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Alive and not a zombie (an exited orphan stays a zombie until init reaps it, which a container's init may never do). */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the bot process against the emulator', () => {
  let emu: DiscordEmulator;
  let run: Started;
  const scratch = tempDir('story-qa-process-');

  beforeAll(async () => {
    emu = await startDiscordEmulator({ token: TOKEN });
    await deployCommands({ token: TOKEN, clientId: emu.applicationId, guildId: emu.guildId, apiUrl: emu.apiUrl });
    // A private index folder: /reindex publishes into it (the shared story index is read by other tests).
    run = spawnBot(startCommand(), botEnv(emu, { LOG_LEVEL: 'debug', INDEX_DIR: path.join(scratch, 'index') }));
    await emu.waitFor(() => run.stdout().includes('logged in as') || run.child.exitCode !== null, 'the bot to log in', {
      timeoutMs: 120_000,
    });
  });
  afterAll(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    await emu?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts: one start-up line (documents, chunks, model, seconds), then logs in', () => {
    expect(run.child.exitCode).toBeNull();
    const lines = jsonLines(run.stdout());
    const startup = lines.filter((l) => String(l.msg).startsWith('index ready'));
    expect(startup).toHaveLength(1);
    expect(startup[0]).toMatchObject({ documents: 1, model: 'bundled:use-lite' });
    // Its private index folder was empty: built at start-up (from the embedding cache).
    expect(startup[0]!.msg).toMatch(
      /^index ready: 1 document, \d+ chunks, model bundled:use-lite \(built, loaded and warmed in [\d.]+ s\)$/,
    );
    expect(lines.findIndex((l) => String(l.msg).startsWith('logged in as'))).toBeGreaterThan(lines.indexOf(startup[0]!));
    expect(emu.identifyCount).toBe(1);
  });

  it('answers /ask', async () => {
    const handle = emu.sendSlashCommand({ name: 'ask', options: { question: 'Why was Krebs fired?' } });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    expect((await emu.waitForEdit(handle, (e) => Boolean(e.body.content))).body.content).toContain('[1]');
  });

  it('/reindex works from the real process too (the rebuild runs in a child process)', async () => {
    const handle = emu.sendSlashCommand({ name: 'reindex', user: emu.users.alice });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const done = await emu.waitForEdit(handle, (e) => /^(Index rebuilt|The rebuild failed)/.test(String(e.body.content)), {
      timeoutMs: 120_000,
    });
    expect(done.body.content).toMatch(/^Index rebuilt in [\d.]+ s and now in use: 1 document \(was 1\)/);
  });

  it('SIGTERM: stops taking work, destroys the client, exits 0; the token never reached the log', async () => {
    run.child.kill('SIGTERM');
    const { code, signal } = await run.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const out = run.stdout();
    expect(out).toMatch(/SIGTERM received: shutting down/);
    expect(jsonLines(out).at(-1)).toMatchObject({ msg: 'stopped' });
    expect(run.stderr()).toBe('');
    expect(out).not.toContain(TOKEN);
    // discord.js closed the gateway connection (no session left on the emulator).
    await emu.waitFor(
      () => /sessions \[\]/.test(emu.describeRecent()) || !/:live@/.test(emu.describeRecent()),
      'the gateway session to close',
    );
  });
});

describe('npm start under a supervisor that signals the process group (terminal Ctrl-C, systemd)', () => {
  let emu: DiscordEmulator;
  afterAll(async () => {
    await emu?.close();
  });

  it('SIGINT to the group: the bot shuts down cleanly and every process is gone', async () => {
    emu = await startDiscordEmulator({ token: TOKEN });
    const run = spawnBot(['npm', 'start', '--silent'], botEnv(emu, { LOG_LEVEL: 'info' }), { detached: true });
    try {
      await emu.waitFor(() => run.stdout().includes('logged in as') || run.child.exitCode !== null, 'the bot to log in', {
        timeoutMs: 120_000,
      });
      process.kill(-run.child.pid!, 'SIGINT');
      await run.exited; // every holder of the pipes (npm and the bot) has exited
      expect(run.stdout()).toMatch(/SIGINT received: shutting down/);
      expect(jsonLines(run.stdout()).at(-1)).toMatchObject({ msg: 'stopped' });
      expect(() => process.kill(-run.child.pid!, 0)).toThrow(); // no process left in the group
    } finally {
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
});

describe('npm start under a supervisor that signals only npm', () => {
  let emu: DiscordEmulator;
  afterAll(async () => {
    await emu?.close();
  });

  it('SIGTERM to npm alone: the bot shuts down cleanly too, leaving no orphan', async () => {
    emu = await startDiscordEmulator({ token: TOKEN });
    const run = spawnBot(['npm', 'start', '--silent'], botEnv(emu, { LOG_LEVEL: 'info' }));
    let botPid: number | undefined;
    try {
      await emu.waitFor(() => run.stdout().includes('logged in as') || run.child.exitCode !== null, 'the bot to log in', {
        timeoutMs: 120_000,
      });
      botPid = jsonLines(run.stdout()).find((l) => String(l.msg).startsWith('index ready'))?.pid as number | undefined;
      expect(botPid).toEqual(expect.any(Number));
      expect(botPid).not.toBe(run.child.pid);
      run.child.kill('SIGTERM'); // npm's pid only, as a supervisor does
      await run.exited; // every holder of the pipes (npm, the shell, the bot) has exited
      expect(isRunning(botPid!)).toBe(false);
      expect(run.stdout()).toMatch(/SIGTERM received: shutting down|the parent process is gone/);
      expect(jsonLines(run.stdout()).at(-1)).toMatchObject({ msg: 'stopped' });
    } finally {
      if (botPid) {
        try {
          process.kill(botPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
});

describe('npm start when Discord closes the gateway for good', () => {
  let emu: DiscordEmulator;
  afterAll(async () => {
    await emu?.close();
  });

  it.each([
    [4004, /DISCORD_TOKEN/],
    [4014, /Message Content Intent/],
  ])('close code %i while running: logged at error level with what to do, exit code 1', async (code, hint) => {
    emu ??= await startDiscordEmulator({ token: TOKEN });
    const run = spawnBot(startCommand(), botEnv(emu, { LOG_LEVEL: 'info' }));
    try {
      await emu.waitFor(() => run.stdout().includes('logged in as') || run.child.exitCode !== null, 'the bot to log in', {
        timeoutMs: 120_000,
      });
      await emu.dropGateway(code);
      const exited = await run.exited;
      expect(exited.code).toBe(1);
      const fatal = jsonLines(run.stdout()).find((l) => l.level === 50 && l.code === code);
      expect(fatal?.msg).toMatch(hint);
      expect(fatal?.msg).toContain(`code ${code}`);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });
});
