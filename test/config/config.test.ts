import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadDiscordConfig, loadEngineConfig } from '../../src/config';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('engine configuration', () => {
  it('has working defaults', () => {
    const config = loadEngineConfig({});
    expect(config).toMatchObject({ embeddingModel: 'auto', allowRemoteModels: false, logLevel: 'info' });
    expect(config.indexDir).toBe(path.resolve('data/index'));
    expect(config.embedWorkers).toBeGreaterThanOrEqual(1);
  });

  it('treats an empty variable as unset, and reads flags and numbers', () => {
    expect(loadEngineConfig({ EMBEDDING_MODEL: '', ALLOW_REMOTE_MODELS: 'yes', EMBED_WORKERS: '3' })).toMatchObject({
      embeddingModel: 'auto',
      allowRemoteModels: true,
      embedWorkers: 3,
    });
  });

  it('names every bad variable in one error', () => {
    try {
      loadEngineConfig({ ALLOW_REMOTE_MODELS: 'maybe', EMBED_WORKERS: 'two', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/ALLOW_REMOTE_MODELS must be true or false/);
      expect(message).toMatch(/EMBED_WORKERS must be a number/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });
});

describe('Discord configuration', () => {
  it('needs a token and a client id, pointing to the README set-up section', () => {
    expect(() => loadDiscordConfig({})).toThrow(/DISCORD_TOKEN is missing[\s\S]*DISCORD_CLIENT_ID is missing[\s\S]*Set up a Discord bot/);
  });

  it('rejects a malformed token without echoing it', () => {
    try {
      loadDiscordConfig({ DISCORD_TOKEN: 'not-a-token-secret-value', DISCORD_CLIENT_ID: '123456789012345678' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/DISCORD_TOKEN does not look like a bot token/);
      expect((error as Error).message).not.toContain('not-a-token-secret-value');
    }
  });

  it('rejects an API URL with a version suffix, and trims a trailing slash', () => {
    const base = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '123456789012345678' };
    expect(() => loadDiscordConfig({ ...base, DISCORD_API_URL: 'http://127.0.0.1:9/api/v10' })).toThrow(/must not end with a version/);
    expect(loadDiscordConfig({ ...base, DISCORD_API_URL: 'http://127.0.0.1:9/api/' }).apiUrl).toBe('http://127.0.0.1:9/api');
    expect(loadDiscordConfig(base)).toMatchObject({
      apiUrl: 'https://discord.com/api',
      guildId: null,
      askCooldownSeconds: 10,
      maxConcurrentAnswers: 4,
    });
  });

  it('rejects a guild id that is not a Discord id', () => {
    expect(() =>
      loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '123456789012345678', DISCORD_GUILD_ID: 'my-server' }),
    ).toThrow(/DISCORD_GUILD_ID must be a Discord id/);
  });

  it('serves health endpoints only when HEALTH_PORT is set, and rejects a port out of range', () => {
    const base = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '123456789012345678' };
    expect(loadDiscordConfig(base).healthPort).toBeNull();
    expect(loadDiscordConfig({ ...base, HEALTH_PORT: '' }).healthPort).toBeNull();
    expect(loadDiscordConfig({ ...base, HEALTH_PORT: '9464' }).healthPort).toBe(9464);
    expect(() => loadDiscordConfig({ ...base, HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT must be 0 \(any free port\) to 65535/);
    expect(() => loadDiscordConfig({ ...base, HEALTH_PORT: 'http' })).toThrow(/HEALTH_PORT must be a port number/);
  });
});
