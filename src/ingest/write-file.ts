import { randomUUID } from 'node:crypto';
import { link, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { IngestError } from './errors';

// slug.md, slug-2.md, … slug-1000.md: past that something is wrong with the folder, not the names.
const MAX_NAME_TRIES = 1000;

/**
 * Writes `content` as a new file `<slug>.md` in `dir`, or `<slug>-2.md` and so on when the name
 * is taken, and returns its path. The content goes to a hidden temporary file in the same
 * folder, is flushed to disk, then gets its name with link(2), which, unlike rename(2), fails
 * when the name exists: an existing file is never replaced, even by a concurrent writer, and a
 * reader (or a crash) never sees a half-written article.
 */
export async function writeArticleFile(dir: string, slug: string, content: string): Promise<string> {
  const temp = path.join(dir, `.${slug}.${randomUUID()}.tmp`);
  let target = temp;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      target = path.join(dir, n === 1 ? `${slug}.md` : `${slug}-${n}.md`);
      try {
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      await syncFolder(dir);
      return target;
    }
    throw Object.assign(new Error(`no free name for ${slug}`), { code: 'EEXIST' });
  } catch (error) {
    throw new IngestError({ kind: 'unwritable', file: target, code: (error as NodeJS.ErrnoException).code ?? null }, { cause: error });
  } finally {
    await rm(temp, { force: true });
  }
}

/** Makes the new name itself durable. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
