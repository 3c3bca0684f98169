/**
 * Several stories in one server: /stories lists them, /story set binds a channel (a thread takes
 * its parent's story), /ask, mentions and /timeline then answer from that story; bindings are
 * kept in the bot's database and survive a restart.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/start';
import { startServer, serve } from '../ingest/support/server';
import { courier } from '../ingest/support/templates';
import { STORY_CORPUS, tempDir } from '../support/paths';
import { botEnv, isEphemeral, useBot } from './support';

const PORT_STRIKE = `---
title: Dock workers end port strike
date: 2024-05-02
---
Dock workers at the port of Felixstowe ended their eight-day strike on Wednesday after accepting a pay rise of 7 per cent.

The Unite union said members voted by 81 per cent to accept the offer, which the port's owner made on Monday.

Shipping lines had diverted more than 40 vessels to other ports during the walkout, according to the harbour authority.
`;

const FERRY = [
  'Ferry services between Felixstowe and Rotterdam resumed on Thursday, a day after dock workers ended their strike at the port.',
  'The operator said the first sailing left on time with a full load of lorries, and that the backlog of freight should clear within a week.',
  'Hauliers had waited for up to three days at the port during the eight-day walkout, according to the Road Haulage Association.',
  'The union said its members would return to normal shifts from Friday, with overtime offered to clear the queues of containers.',
];

function storiesCorpus(): string {
  const root = tempDir('bot-stories-');
  cpSync(STORY_CORPUS, path.join(root, 'krebs-fired'), { recursive: true });
  mkdirSync(path.join(root, 'port-strike'));
  writeFileSync(path.join(root, 'port-strike', 'story.yml'), 'title: Felixstowe port strike\n');
  writeFileSync(path.join(root, 'port-strike', 'strike-ends.md'), PORT_STRIKE);
  return root;
}

const corpusDir = storiesCorpus();
const indexDir = tempDir('bot-stories-index-');
const dataDir = tempDir('bot-stories-data-');

describe('stories side by side, each channel on its own', () => {
  const suite = useBot({ env: { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, DATA_DIR: dataDir, ADD_ALLOW_PRIVATE_HOSTS: 'true' } });

  const answer = async (handle: ReturnType<typeof suite.emu.sendSlashCommand>) => {
    expect((await suite.emu.waitForCallback(handle)).type).toBe(5);
    return String((await suite.emu.waitForEdit(handle, (e) => String(e.body.content).includes('[1]'))).body.content);
  };

  it('/stories lists every story, the default one and the channel’s', async () => {
    const { emu } = suite;
    const callback = await emu.waitForCallback(emu.sendSlashCommand({ name: 'stories' }));
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/1\. Trump fires CISA director Chris Krebs — `krebs-fired` \(default, \*\*this channel\*\*\)/);
    expect(callback.data.content).toMatch(/2\. Felixstowe port strike — `port-strike`$/m);
  });

  it('only members who may manage channels can bind one', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'story', subcommand: 'set', options: { story: 'port-strike' }, user: emu.users.bob });
    const callback = await emu.waitForCallback(handle);
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/Manage Channels/);
  });

  it('/story set binds the channel: /ask, mentions and threads in it answer from that story; other channels keep the default', async () => {
    const { emu } = suite;
    const set = await emu.waitForCallback(
      emu.sendSlashCommand({ name: 'story', subcommand: 'set', options: { story: 'port-strike' }, user: emu.users.owner }),
    );
    expect(set.data.content).toBe('This channel now asks about *Felixstowe port strike*.');

    expect(await answer(emu.sendSlashCommand({ name: 'ask', options: { question: 'how many ships got diverted' } }))).toContain(
      'Shipping lines had diverted',
    );
    const inThread = await answer(
      emu.sendSlashCommand({ name: 'ask', options: { question: 'what pay rise did the dockers accept' }, channelId: emu.threadId }),
    );
    expect(inThread).toContain('7 per cent');
    const mention = await emu.waitForReply(emu.sendMessage({ content: 'who voted to accept the offer?', mentionsBot: true }));
    expect(mention.body.content).toContain('Unite union');

    const elsewhere = await answer(
      emu.sendSlashCommand({ name: 'ask', options: { question: 'who is bryan ware' }, channelId: emu.otherChannelId }),
    );
    expect(elsewhere).toContain('Bryan Ware');
    // The story option overrides the channel's.
    expect(await answer(emu.sendSlashCommand({ name: 'ask', options: { question: 'who is bryan ware', story: 'krebs-fired' } }))).toContain(
      'Bryan Ware',
    );
  });

  it('/add into the bound story: a question in that channel is answered from the new article, another channel still from Krebs', async () => {
    const { emu } = suite;
    const server = await startServer();
    try {
      const url = server.route(
        '/news/ferries-resume',
        serve(courier.render({ title: 'Ferry services resume', paragraphs: FERRY, canonical: 'https://news.example/ferries' })),
      );
      const add = emu.sendSlashCommand({ name: 'add', options: { url }, user: emu.users.alice });
      const done = await emu.waitForEdit(add, (e) => /^(Added|Could not add)/.test(String(e.body.content)), { timeoutMs: 120_000 });
      expect(done.body.content).toMatch(
        /^Added \*Ferry services resume\* \(undated\) to \*Felixstowe port strike\* — \d+ sentences; the story now has 2 articles\.$/,
      );
    } finally {
      await server.close();
    }
    const here = await answer(emu.sendSlashCommand({ name: 'ask', options: { question: 'how long did hauliers wait at the port' } }));
    expect(here).toContain('Hauliers had waited');
    const elsewhere = await answer(
      emu.sendSlashCommand({ name: 'ask', options: { question: 'how long did hauliers wait at the port' }, channelId: emu.otherChannelId }),
    );
    expect(elsewhere).not.toContain('Hauliers');
    expect(elsewhere).toMatch(/Krebs|Ware|Trump/);
  });

  it('/timeline takes a story option too', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'timeline', options: { story: 'port-strike' }, channelId: emu.otherChannelId });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const edit = await emu.waitForEdit(handle, (e) => Boolean(e.body.content));
    expect(edit.body.content).toMatch(/\*\*2024-0[45]-\d\d\*\* — /);
    expect(edit.body.content).not.toContain('Krebs');
  });

  it('/story set with no story goes back to the default', async () => {
    const { emu } = suite;
    const set = await emu.waitForCallback(emu.sendSlashCommand({ name: 'story', subcommand: 'set', user: emu.users.owner }));
    expect(set.data.content).toBe('This channel now asks about the default story, *Trump fires CISA director Chris Krebs*.');
    expect(await answer(emu.sendSlashCommand({ name: 'ask', options: { question: 'who is bryan ware' } }))).toContain('Bryan Ware');
    // Bound again, for the restart below.
    await emu.waitForCallback(
      emu.sendSlashCommand({ name: 'story', subcommand: 'set', options: { story: 'port-strike' }, user: emu.users.owner }),
    );
  });

  it('bindings survive a restart (kept in the database under DATA_DIR)', async () => {
    const { emu } = suite;
    await suite.bot.stop();
    const again = await startBot({ env: botEnv(emu, { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, DATA_DIR: dataDir }) });
    suite.bot = again;
    expect(await answer(emu.sendSlashCommand({ name: 'ask', options: { question: 'how many ships got diverted' } }))).toContain(
      'Shipping lines had diverted',
    );
  });
});
