import { chmod, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** State may name resources and accounts: owner-only, whatever the umask says (hence the explicit chmods). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The errno code (`ENOENT`, `EEXIST`…) of a Node fs error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Flushes a directory so a rename or a new entry in it survives a power cut. Windows cannot open directories. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` (and missing parents) as 0700; directories that already exist are left as they are. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (firstCreated === undefined) return;
  const created: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    created.unshift(current);
    if (current === firstCreated || dirname(current) === current) break;
  }
  for (const path of created) {
    await chmod(path, PRIVATE_DIR_MODE);
    await fsyncDir(dirname(path));
  }
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task queued under the same key (in this process) has settled. */
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

/** write-file-atomic names its temp files `<file>.<uint32>` next to the target. */
function tempFilePattern(path: string): RegExp {
  const escaped = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\.\\d+$`);
}

/** The temp files that an interrupted atomic write of `path` may have left beside it. */
export async function listTempFiles(path: string): Promise<string[]> {
  const pattern = tempFilePattern(path);
  try {
    return (await readdir(dirname(path))).filter((entry) => pattern.test(entry));
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Replaces `path` atomically with owner-only permissions: temp file in the same directory, write, fsync, rename
 * (write-file-atomic), then fsync the directory so the rename itself is durable.
 *
 * Temp files left by a writer that was killed (SIGKILL, power cut — no exit handler runs) are swept first. That is
 * safe because callers serialize writes to one file within the process (`serialized`) and writes to a deployment
 * happen under its lock; an unlocked concurrent writer elsewhere would see its rename fail loudly, never a corrupt
 * file.
 */
export async function writePrivateFileAtomic(path: string, data: string): Promise<void> {
  for (const leftover of await listTempFiles(path)) {
    await unlink(join(dirname(path), leftover)).catch((error: unknown) => {
      if (errnoCode(error) !== 'ENOENT') throw error;
    });
  }
  await writeFileAtomic(path, data, { mode: PRIVATE_FILE_MODE, fsync: true });
  await fsyncDir(dirname(path));
}
