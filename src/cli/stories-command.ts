import { Command } from 'commander';
import { loadConfigured } from './stories-list';

/** `npm run stories`: the corpus's stories, with their articles, sentences, newest article and index. */
export async function storiesCommand(argv: string[]): Promise<number> {
  const program = new Command('npm run stories --')
    .description('List the stories of the corpus: id, title, articles, sentences, newest article date, index build time.')
    .option('--corpus <dir>', 'the corpus folder (default CORPUS_DIR)')
    .option('--json', 'print one JSON object per story, one per line')
    .exitOverride()
    .parse(argv, { from: 'user' });
  const flags = program.opts<{ corpus?: string; json?: boolean }>();
  const rows = await loadConfigured(flags.corpus);
  if (flags.json) {
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    return 0;
  }
  const table = [
    ['story', 'title', 'articles', 'sentences', 'newest', 'index built'],
    ...rows.map((r) => [
      r.id + (r.isDefault ? ' (default)' : ''),
      r.title,
      String(r.articles),
      r.sentences === null ? '—' : String(r.sentences),
      r.newestDate ?? '—',
      r.indexBuiltAt === null ? 'not built' : `${r.indexBuiltAt} (${r.indexBuildSeconds} s)`,
    ]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table)
    process.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}
