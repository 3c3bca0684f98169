import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * An index folder holds complete builds side by side and a `CURRENT` file naming the live one.
 * A build is written into a temporary folder, renamed into place, and only then made live by
 * atomically replacing `CURRENT`: a crash or a kill at any point leaves the previous build live.
 */
const POINTER = 'CURRENT';
const BUILD_PREFIX = 'build-';
const TEMP_PREFIX = '.tmp-build-';

export function temporaryBuildDir(indexDir: string): string {
  mkdirSync(indexDir, { recursive: true });
  const dir = path.join(indexDir, `${TEMP_PREFIX}${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir);
  return dir;
}

/** Makes a finished temporary build live; returns its final folder. */
export function publishBuild(indexDir: string, tempDir: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const name = `${BUILD_PREFIX}${stamp}-${Math.random().toString(36).slice(2, 8)}`;
  const finalDir = path.join(indexDir, name);
  fsyncDir(tempDir);
  renameSync(tempDir, finalDir);
  writeFileDurably(path.join(indexDir, POINTER), `${name}\n`);
  removeStaleBuilds(indexDir, name);
  return finalDir;
}

/** The live build folder of an index folder, or null when none was ever published. */
export function currentBuildDir(indexDir: string): string | null {
  // A folder given directly (one holding a manifest) is used as it is.
  if (existsSync(path.join(indexDir, 'manifest.json'))) return indexDir;
  let name: string;
  try {
    name = readFileSync(path.join(indexDir, POINTER), 'utf8').trim();
  } catch {
    return null;
  }
  return name ? path.join(indexDir, name) : null;
}

/** Writes a file so that it is either entirely old or entirely new, even across a power cut. */
export function writeFileDurably(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  fsyncDir(path.dirname(file));
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Keeps the live build and the one before it (a process that read the old pointer a moment ago
 * may still be opening it); removes older builds and temporary folders of dead builders.
 */
function removeStaleBuilds(indexDir: string, live: string): void {
  const builds = readdirSync(indexDir)
    .filter((name) => name.startsWith(BUILD_PREFIX) && name !== live)
    .sort();
  for (const name of builds.slice(0, -1)) rmSync(path.join(indexDir, name), { recursive: true, force: true });
  for (const name of readdirSync(indexDir).filter((n) => n.startsWith(TEMP_PREFIX))) {
    const pid = Number(name.slice(TEMP_PREFIX.length).split('-')[0]);
    if (!isAlive(pid)) rmSync(path.join(indexDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
