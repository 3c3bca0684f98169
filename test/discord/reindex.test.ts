/**
 * `/reindex`: administrators only; rebuilds from the corpus in the background with progress in
 * its (private) reply, swaps the new index in; questions meanwhile are answered from the old
 * one; a failed rebuild keeps the old index and says why. A temp copy of the story corpus and a
 * temp index folder; the shared embedding cache.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STORY_CORPUS, tempDir } from '../support/paths';
import type { InteractionHandle } from './emulator';
import { isEphemeral, useBot } from './support';

const root = tempDir('story-qa-reindex-');
const corpus = path.join(root, 'corpus');
cpSync(STORY_CORPUS, corpus, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LIGHTHOUSE_QUESTION = 'Who repainted the lamp room of the lighthouse?';

/**
 * A new article. Its log entries are unique to this run, so the rebuild really embeds them
 * (a few seconds): long enough to ask questions while it runs.
 */
function writeLighthouseArticle(): void {
  const nonce = randomBytes(4).toString('hex');
  const entries = Array.from(
    { length: 150 },
    (_, i) =>
      `Log entry ${i + 1} of series ${nonce}: the tide gauge read ${(1 + ((i * 37) % 40) / 10).toFixed(1)} metres and the wind came from bearing ${(i * 53) % 360}.`,
  );
  const text = [
    '---',
    'title: Harbour lighthouse restored',
    'date: 2021-05-06',
    '---',
    'On 4 May 2021, the lighthouse keeper, Marta Olsen, repainted the lamp room of the harbour lighthouse.',
    '',
    ...entries.map((e) => `${e}\n`),
  ].join('\n');
  writeFileSync(path.join(corpus, 'lighthouse.md'), text);
}

const content = (body: { content?: unknown }) => String(body.content ?? '');

describe('/reindex', () => {
  const suite = useBot({ env: { CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'warn' } });

  async function answerTo(question: string): Promise<string> {
    const handle = suite.emu.sendSlashCommand({ name: 'ask', options: { question }, user: suite.emu.users.bob });
    return content(await suite.emu.waitForEdit(handle, (e) => Boolean(e.body.content)).then((e) => e.body));
  }

  const finalEdit = (handle: InteractionHandle, timeoutMs = 60_000) =>
    suite.emu.waitForEdit(handle, (e) => /^(Index rebuilt|The rebuild failed)/.test(content(e.body)), { timeoutMs });

  it('is refused for a member without Manage Server, privately, and nothing is rebuilt', async () => {
    const { emu, bot } = suite;
    const handle = emu.sendSlashCommand({ name: 'reindex', user: emu.users.bob });
    const callback = await emu.waitForCallback(handle);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/Only members with the \*\*Manage Server\*\* permission/);
    expect(bot.engineHolder.rebuildStartedAt).toBeNull();
  });

  it('before the corpus changes, the lighthouse is not in the index', async () => {
    expect(await answerTo(LIGHTHOUSE_QUESTION)).toMatch(/^The story doesn.t say/);
  });

  it('an admin rebuilds after a corpus change: progress, questions meanwhile from the old index, then the swap', async () => {
    const { emu, bot } = suite;
    const before = bot.engineHolder.current;
    writeLighthouseArticle();

    const reindex = emu.sendSlashCommand({ name: 'reindex', user: emu.users.alice });
    const callback = await emu.waitForCallback(reindex);
    expect(callback.type).toBe(5);
    expect(isEphemeral(callback.data)).toBe(true); // progress is for the admin only
    await emu.waitForEdit(reindex, (e) => /^Embedding… \d+\/\d+ sentences/.test(content(e.body)), { timeoutMs: 30_000 });

    // Meanwhile: a question is answered at once, from the old index.
    const during = emu.sendSlashCommand({ name: 'ask', options: { question: LIGHTHOUSE_QUESTION }, user: emu.users.bob });
    expect((await emu.waitForCallback(during)).latencyMs).toBeLessThan(3000);
    const answeredDuring = await emu.waitForEdit(during, (e) => Boolean(e.body.content));
    expect(content(answeredDuring.body)).toMatch(/^The story doesn.t say/);
    expect(bot.engineHolder.rebuildStartedAt).not.toBeNull(); // still rebuilding when the answer came
    expect(bot.engineHolder.current).toBe(before);

    // One rebuild at a time.
    const second = emu.sendSlashCommand({ name: 'reindex', user: emu.users.owner });
    const secondCallback = await emu.waitForCallback(second);
    expect(secondCallback.type).toBe(4);
    expect(isEphemeral(secondCallback.data)).toBe(true);
    expect(secondCallback.data.content).toMatch(/A rebuild is already running \(started <t:\d+:R>\)/);

    const done = await finalEdit(reindex);
    expect(content(done.body)).toMatch(/^Index rebuilt in [\d.]+ s and now in use: 2 documents \(was 1\), \d+ chunks/);
    expect(done.receivedAt).toBeGreaterThan(answeredDuring.receivedAt);
    const texts = emu.edits(reindex).map((e) => content(e.body));
    expect(texts[0]).toMatch(/^Rebuilding the index from the corpus/);
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(bot.engineHolder.current).not.toBe(before);
    expect(bot.engineHolder.current.embedder).toBe(before.embedder); // the encoder is reused, not reloaded
  });

  it('later answers reflect the new index', async () => {
    const answer = await answerTo(LIGHTHOUSE_QUESTION);
    expect(answer).toContain('[1]');
    expect(answer).toContain('Marta Olsen');
    expect(answer).toContain('Harbour lighthouse restored');

    const handle = suite.emu.sendSlashCommand({ name: 'sources' });
    expect(content((await suite.emu.waitForCallback(handle)).data)).toMatch(/\*\*Sources\*\* — 2 documents/);
  });

  it('a failed rebuild (no usable article) keeps the old index and says why', async () => {
    const { emu, bot } = suite;
    const live = bot.engineHolder.current;
    const aside = path.join(root, 'corpus-aside');
    renameSync(corpus, aside);
    mkdirSync(corpus);
    try {
      const reindex = emu.sendSlashCommand({ name: 'reindex', user: emu.users.alice });
      const done = await finalEdit(reindex);
      expect(content(done.body)).toMatch(
        /^The rebuild failed, so the previous index \(2 documents\) stays in use\.\nReason: No usable article in corpus folder/,
      );
      expect(bot.engineHolder.current).toBe(live);
      expect(await answerTo(LIGHTHOUSE_QUESTION)).toContain('Marta Olsen');
    } finally {
      rmSync(corpus, { recursive: true, force: true });
      renameSync(aside, corpus);
    }
  });
});
