/**
 * /add from Discord: an article from a page served on loopback, into the channel's story, the
 * index rebuilt in the background; refused for members without Manage Server, for duplicates,
 * and (unless ADD_ALLOW_PRIVATE_HOSTS) for addresses on the bot's own network.
 */
import { cpSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, serve, type TestServer } from '../ingest/support/server';
import { courier } from '../ingest/support/templates';
import { STORY_CORPUS, tempDir } from '../support/paths';
import { isEphemeral, useBot } from './support';

const ARTICLE = {
  title: 'Dock workers end port strike',
  paragraphs: [
    'Dock workers at the port of Felixstowe ended their eight-day strike on Wednesday after accepting a pay rise of 7 per cent, the Unite union said.',
    'Members voted by 81 per cent to accept the offer, which the port owner made on Monday after talks at the conciliation service Acas.',
    'Shipping lines had diverted more than 40 vessels to other ports during the walkout, according to the harbour authority, which said it expected queues to clear by the weekend.',
    'The strike was the first at the port in more than thirty years and had disrupted deliveries of food and car parts across the country.',
  ],
  published: '2024-05-02T10:00:00Z',
  publisher: 'Harbour News',
};

const FERRY = [
  'Ferry services between Felixstowe and Rotterdam resumed on Thursday, a day after dock workers ended their strike at the port.',
  'The operator said the first sailing left on time with a full load of lorries, and that the backlog of freight should clear within a week.',
  'Hauliers had waited for up to three days at the port during the eight-day walkout, according to the Road Haulage Association.',
  'The union said its members would return to normal shifts from Friday, with overtime offered to clear the queues of containers.',
];

let server: TestServer;
let pageUrl: string;
beforeAll(async () => {
  server = await startServer();
  pageUrl = server.url('/news/port-strike-ends');
  server.route('/news/port-strike-ends', serve(courier.render({ ...ARTICLE, canonical: pageUrl })));
});
afterAll(() => server?.close());

function storyCopy(): string {
  const dir = tempDir('add-story-');
  cpSync(STORY_CORPUS, dir, { recursive: true });
  return dir;
}

describe('/add with private hosts allowed (the operator’s choice)', () => {
  const corpusDir = storyCopy();
  const suite = useBot({ env: { CORPUS_DIR: corpusDir, INDEX_DIR: tempDir('add-index-'), ADD_ALLOW_PRIVATE_HOSTS: 'true' } });

  it('only members with Manage Server may add', async () => {
    const { emu } = suite;
    const callback = await emu.waitForCallback(emu.sendSlashCommand({ name: 'add', options: { url: pageUrl }, user: emu.users.bob }));
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/Manage Server/);
  });

  it('adds the article, says so with its sentences and the story’s size, and answers from it', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'add', options: { url: pageUrl }, user: emu.users.alice });
    expect((await emu.waitForCallback(handle)).type).toBe(5);
    const done = await emu.waitForEdit(handle, (e) => /^(Added|Could not add)/.test(String(e.body.content)), { timeoutMs: 120_000 });
    expect(done.body.content).toMatch(
      /^Added \*Dock workers end port strike\* \(2024-05-02\) to \*Trump fires CISA director Chris Krebs\* — 4 sentences; the story now has 2 articles\.$/,
    );
    expect(readdirSync(corpusDir).sort()).toEqual(['dock-workers-end-port-strike.md', 'krebs-fired.txt', 'story.yml']);

    const ask = emu.sendSlashCommand({ name: 'ask', options: { question: 'how many ships were diverted during the strike' } });
    const answer = await emu.waitForEdit(ask, (e) => String(e.body.content).includes('[1]'));
    expect(answer.body.content).toContain('Shipping lines had diverted');
  });

  it('adds an attached .md file the same way, and refuses a binary one', async () => {
    const { emu } = suite;
    const markdown = '---\ntitle: Ferry services resume\ndate: 2024-05-03\n---\n' + FERRY.join('\n\n') + '\n';
    const fileUrl = server.route('/attachments/ferry.md', serve(markdown, { 'content-type': 'text/markdown' }));
    const handle = emu.sendSlashCommand({
      name: 'add',
      user: emu.users.alice,
      attachments: { file: { filename: 'ferry.md', url: fileUrl, size: Buffer.byteLength(markdown) } },
    });
    const done = await emu.waitForEdit(handle, (e) => /^(Added|Could not add)/.test(String(e.body.content)), { timeoutMs: 120_000 });
    expect(done.body.content).toMatch(/^Added \*Ferry services resume\* \(2024-05-03\) to .* the story now has 3 articles\.$/);

    const binaryUrl = server.route('/attachments/photo.txt', serve(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3])));
    const binary = emu.sendSlashCommand({
      name: 'add',
      user: emu.users.alice,
      attachments: { file: { filename: 'photo.txt', url: binaryUrl, size: 11 } },
    });
    const refused = await emu.waitForEdit(binary, (e) => /^(Added|Could not add)/.test(String(e.body.content)));
    expect(refused.body.content).toMatch(/^Could not add photo\.txt: photo\.txt is not a text file/);
    expect(readdirSync(corpusDir)).toHaveLength(4);
  });

  it('needs exactly one of url and file', async () => {
    const { emu } = suite;
    const callback = await emu.waitForCallback(emu.sendSlashCommand({ name: 'add', user: emu.users.alice }));
    expect(isEphemeral(callback.data)).toBe(true);
    expect(callback.data.content).toMatch(/`url` or attach it as a `file`/);
  });

  it('a duplicate is refused, naming the file that holds it; the corpus is unchanged', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'add', options: { url: pageUrl }, user: emu.users.alice });
    const done = await emu.waitForEdit(handle, (e) => /^(Added|Could not add)/.test(String(e.body.content)));
    expect(done.body.content).toMatch(/^Could not add .*dock-workers-end-port-strike\.md/);
    expect(readdirSync(corpusDir)).toHaveLength(4);
  });
});

describe('/add by default', () => {
  const corpusDir = storyCopy();
  const suite = useBot({ env: { CORPUS_DIR: corpusDir, INDEX_DIR: tempDir('add-index-') } });

  it('refuses an address on the bot’s own network (SSRF) and adds nothing', async () => {
    const { emu } = suite;
    const handle = emu.sendSlashCommand({ name: 'add', options: { url: pageUrl }, user: emu.users.alice });
    const done = await emu.waitForEdit(handle, (e) => /^(Added|Could not add)/.test(String(e.body.content)));
    expect(done.body.content).toMatch(/^Could not add .*127\.0\.0\.1/);
    expect(server.requests).not.toHaveLength(0); // the earlier suite's fetches only
    expect(readdirSync(corpusDir).sort()).toEqual(['krebs-fired.txt', 'story.yml']);
  });
});
