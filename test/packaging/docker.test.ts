/**
 * The container files, read as text: no Docker engine runs on the test machines, so the image is
 * not built here. What can be checked is what makes it behave: the bot as PID 1 with the very
 * command the signal tests start, an unprivileged user, the data in a volume.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHUTDOWN_GRACE_MS } from '../../src/discord/lifecycle';
import { REPO_ROOT } from '../support/paths';

const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
/** The instructions of the final stage (after the last FROM). */
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const instruction = (name: string): string[] =>
  finalStage
    .split('\n')
    .filter((line) => line.startsWith(`${name} `))
    .map((line) => line.slice(name.length + 1).trim());

describe('Dockerfile', () => {
  it('runs the bot as PID 1 with the command `npm start` runs (the one the signal tests start), in exec form', () => {
    const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const cmd = instruction('CMD');
    expect(cmd).toHaveLength(1);
    // Exec form (a JSON array): no shell in between to swallow SIGTERM.
    expect(JSON.parse(cmd[0]!)).toEqual(scripts.start!.split(' '));
    expect(instruction('ENTRYPOINT')).toEqual([]);
  });

  it('runs as the unprivileged node user, with the index, cache and database in the /data volume', () => {
    expect(instruction('USER')).toEqual(['node']);
    expect(instruction('VOLUME')).toEqual(['["/data"]']);
    const env = finalStage.slice(finalStage.indexOf('ENV '), finalStage.indexOf('\nCOPY'));
    for (const variable of ['DATA_DIR=/data', 'INDEX_DIR=/data/index', 'CACHE_DIR=/data/cache']) expect(env).toContain(variable);
  });

  it('builds on Node 20, installing only the production dependencies from the lockfile', () => {
    for (const from of dockerfile.match(/^FROM .*/gm)!) expect(from).toMatch(/^FROM node:20-/);
    expect(dockerfile).toContain('RUN npm ci --omit=dev');
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<
      string,
      { volumes: string[]; stop_grace_period: string; healthcheck: { test: string[] }; environment: Record<string, string> }
    >;
    volumes: Record<string, unknown>;
  };
  const service = compose.services['story-qa']!;

  it('keeps /data in a named volume and leaves the bot time to finish its answers when stopped', () => {
    expect(service.volumes).toContain('story-qa-data:/data');
    expect(Object.keys(compose.volumes)).toContain('story-qa-data');
    expect(Number.parseInt(service.stop_grace_period, 10) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
  });

  it('checks health at /healthz on the port it sets', () => {
    const port = service.environment.HEALTH_PORT;
    expect(service.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${port}/healthz`);
  });
});
