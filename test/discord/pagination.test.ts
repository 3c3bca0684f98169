/**
 * `/timeline` and `/sources` longer than one message: Previous/Next buttons that only the
 * person who asked may press, and that are removed after TIMELINE_BUTTON_TIMEOUT_SECONDS.
 * The corpus: 60 short reports with three dated events each (many pages, honestly).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths';
import type { JsonObject } from './emulator';
import { isEphemeral, sleep, useBot, writeBridgeCorpus } from './support';

const TIMEOUT_SECONDS = 3;
const root = tempDir('story-qa-bridge-');
const corpus = writeBridgeCorpus(path.join(root, 'corpus'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const customIds = (message: JsonObject | undefined): string[] =>
  (message?.components ?? []).flatMap((row: JsonObject) => row.components.map((c: JsonObject) => c.custom_id));
const button = (message: JsonObject | undefined, label: string): JsonObject | undefined =>
  (message?.components ?? []).flatMap((row: JsonObject) => row.components).find((c: JsonObject) => c.label === label);

describe('paginated replies', () => {
  const suite = useBot({
    env: {
      CORPUS_DIR: corpus,
      INDEX_DIR: path.join(root, 'index'),
      TIMELINE_BUTTON_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
      LOG_LEVEL: 'warn',
    },
  });

  it('the bot built the index for this corpus at start-up: 60 documents, 180 dated events', () => {
    const { counts } = suite.bot.engineHolder.current.index.manifest;
    expect(counts.documents).toBe(60);
    expect(counts.events).toBeGreaterThanOrEqual(150);
  });

  it('/timeline: page 1 with Previous (disabled) and Next; the owner presses Next and gets page 2', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'timeline', user: emu.users.bob });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const first = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    const pageCount = Number(/\*Page 1\/(\d+)\*/.exec(String(first.body.content))?.[1]);
    expect(pageCount).toBeGreaterThanOrEqual(3);
    expect(String(first.body.content).length).toBeLessThanOrEqual(2000);
    expect(first.body.content).toMatch(/^\*\*2021-01-01\*\* — /m);
    const message = emu.originalMessage(handle);
    expect(button(message, 'Previous')).toMatchObject({ disabled: true });
    expect(button(message, 'Next')).toMatchObject({ disabled: false });

    const next = button(message, 'Next')!.custom_id as string;
    const press = emu.pressButton({ customId: next, messageId: String(message!.id), user: emu.users.bob });
    const callback = await emu.waitForCallback(press);
    expect(callback.type).toBe(7); // UPDATE_MESSAGE: the same message shows page 2
    expect(callback.data.content).toContain(`*Page 2/${pageCount}*`);
    expect(callback.data.allowed_mentions).toMatchObject({ parse: [] });
    const updated = emu.message(String(message!.id));
    expect(updated?.content).toContain(`*Page 2/${pageCount}*`);
    expect(button(updated, 'Previous')).toMatchObject({ disabled: false });

    // Previous goes back.
    const back = emu.pressButton({ customId: button(updated, 'Previous')!.custom_id, messageId: String(message!.id), user: emu.users.bob });
    expect((await emu.waitForCallback(back)).data.content).toContain(`*Page 1/${pageCount}*`);
  });

  it('someone else pressing the buttons is refused privately; the page does not change', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'timeline', user: emu.users.bob });
    await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    const message = emu.originalMessage(handle)!;
    const press = emu.pressButton({ customId: button(message, 'Next')!.custom_id, messageId: String(message.id), user: emu.users.alice });
    const callback = await emu.waitForCallback(press);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toBe(`Only <@${emu.users.bob.id}> can turn these pages. Run \`/timeline\` to get your own.`);
    expect(callback.data.allowed_mentions).toMatchObject({ parse: [] });
    expect(emu.message(String(message.id))?.content).toContain('*Page 1/');
  });

  it('/timeline with a topic and dates narrows the events', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({
      name: 'timeline',
      options: { topic: 'scaffolding inspection', from: '2021-03', to: '2021-06-30' },
    });
    const edit = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    const dates = [...String(edit.body.content).matchAll(/^\*\*(\d{4}-\d{2}-\d{2})\*\*/gm)].map((m) => m[1]!);
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date >= '2021-03-01' && date <= '2021-06-30').toBe(true);
    expect(edit.body.content).toMatch(/scaffolding/);
  });

  it('/sources longer than one message is paged the same way', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'sources', user: emu.users.alice });
    const callback = await emu.waitForCallback(handle);
    expect(callback.type).toBe(4);
    const content = String(callback.data.content);
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content).toMatch(/^\*\*Sources\*\* — 60 documents, \d+ chunks, model `bundled:use-lite`/);
    expect(content).toMatch(/^1\. Riverside bridge project, report 1 — 2021-01-01 — \d+ chunks?$/m);
    const pages = Number(/\*Page 1\/(\d+)\*/.exec(content)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const message = emu.originalMessage(handle)!;
    const press = emu.pressButton({ customId: button(message, 'Next')!.custom_id, messageId: String(message.id), user: emu.users.alice });
    const page2 = String((await emu.waitForCallback(press)).data.content);
    expect(page2).toContain(`*Page 2/${pages}*`);
    const lastOnPage1 = Number([...content.matchAll(/^(\d+)\. /gm)].at(-1)?.[1]);
    expect(page2).toMatch(new RegExp(`^${lastOnPage1 + 1}\\. Riverside bridge project`, 'm'));
  });

  it(`after ${TIMEOUT_SECONDS} s without a press the buttons are removed; a late press is told they expired`, async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'timeline', user: emu.users.bob });
    await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    const message = emu.originalMessage(handle)!;
    const ids = customIds(message);
    expect(ids).toHaveLength(2);
    const removed = await emu.waitForEdit(
      handle,
      (e) => Array.isArray(e.body.components) && e.body.components.length === 0 && e.body.content === undefined,
      {
        timeoutMs: TIMEOUT_SECONDS * 1000 + 5000,
      },
    );
    expect(removed.receivedAt - handle.sentAt).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 50);
    expect(emu.message(String(message.id))?.components).toEqual([]);
    expect(emu.message(String(message.id))?.content).toContain('*Page 1/'); // the page itself stays

    // A press on the (cached, stale) button — e.g. a client that did not refresh.
    await sleep(10);
    const press = emu.pressButton({ customId: ids[1]!, user: emu.users.bob });
    const callback = await emu.waitForCallback(press);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/These buttons have expired/);
  });
});
