import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GmError } from '../errors/index.js';
import { Backups } from './backups.js';
import { DocumentStore, fileTimestamp } from './document-store.js';
import { ensurePrivateDir, errnoCode, fsyncDir, listTempFiles, readTextIfExists, serialized, writePrivateFileAtomic } from './fs-private.js';
import { appendJournalEntry, readJournalFile } from './journal.js';
import { LocalBackupStorage } from './local-backups.js';
import { unlinkIfPresent } from './lock-file.js';
import { acquireLock, assertNotLockedByOthers, breakLockFile, forgetHeldLock, readLockInfo } from './locking.js';
import {
  archiveDir,
  backupsDir,
  deploymentPaths,
  deploymentsDir,
  isValidDeploymentName,
  JOURNAL_FILE,
  LOCK_FILE,
  STATE_FILE,
} from './paths.js';
import type { JournalEntry, JournalReadResult, LockHandle, LockInfo, StateStore } from './types.js';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * State on the local disk, under GM_HOME:
 *   <home>/deployments/<name>/state.json | journal.jsonl | lock.json     <home>/archive/<name>-<timestamp>/
 *   <home>/backups/<name>/<backup id>.json  (kept when a deployment is archived or removed)
 * Directories are 0700 and files 0600 regardless of umask; state writes are atomic and durable.
 */
export class LocalStateStore extends DocumentStore implements StateStore {
  readonly home: string;
  readonly backups: Backups;

  constructor(home: string) {
    super();
    this.home = resolve(home);
    this.backups = new Backups(new LocalBackupStorage(backupsDir(this.home)));
  }

  get location(): string {
    return this.home;
  }

  /** Deployments with a state document or a journal (a journal alone means resources may exist: never hide it). */
  async list(): Promise<string[]> {
    const entries = await readdir(deploymentsDir(this.home), { withFileTypes: true }).catch((error: unknown) => {
      if (errnoCode(error) === 'ENOENT') return [];
      throw error;
    });
    const candidates = entries.filter((entry) => entry.isDirectory() && isValidDeploymentName(entry.name));
    const present = await Promise.all(
      candidates.map(async ({ name }) => {
        const dir = join(deploymentsDir(this.home), name);
        return (await exists(join(dir, STATE_FILE))) || (await exists(join(dir, JOURNAL_FILE))) ? name : undefined;
      }),
    );
    return present.filter((name): name is string => name !== undefined).sort();
  }

  async readText(name: string): Promise<string | undefined> {
    return readTextIfExists(deploymentPaths(this.home, name).state);
  }

  protected documentUrl(name: string): string {
    return deploymentPaths(this.home, name).state;
  }

  protected async storeText(name: string, text: string): Promise<void> {
    await ensurePrivateDir(deploymentPaths(this.home, name).dir);
    await writePrivateFileAtomic(deploymentPaths(this.home, name).state, text);
  }

  protected assertUnlocked(name: string): Promise<void> {
    return assertNotLockedByOthers(name, deploymentPaths(this.home, name).lock);
  }

  async remove(name: string): Promise<boolean> {
    const paths = deploymentPaths(this.home, name);
    await assertNotLockedByOthers(name, paths.lock);
    if (!(await exists(paths.dir))) return false;
    await rm(paths.dir, { recursive: true, force: true });
    await fsyncDir(deploymentsDir(this.home));
    forgetHeldLock(paths.lock);
    return true;
  }

  /** Moves the deployment's directory to `<home>/archive/<name>-<timestamp>` (without its lock) in one rename. */
  async archive(name: string): Promise<string> {
    const paths = deploymentPaths(this.home, name);
    await assertNotLockedByOthers(name, paths.lock);
    if (!(await exists(paths.dir))) {
      throw new GmError({ code: 'STATE_NOT_FOUND', message: `No state to archive for deployment "${name}".` });
    }
    await ensurePrivateDir(archiveDir(this.home));
    const target = await this.freeArchivePath(name);
    await rename(paths.dir, target);
    await fsyncDir(deploymentsDir(this.home));
    await fsyncDir(archiveDir(this.home));
    forgetHeldLock(paths.lock);
    const leftovers = [LOCK_FILE, `${LOCK_FILE}.takeover`, ...(await listTempFiles(join(target, STATE_FILE)))];
    await Promise.all(leftovers.map((file) => unlinkIfPresent(join(target, file))));
    return target;
  }

  private async freeArchivePath(name: string): Promise<string> {
    const base = join(archiveDir(this.home), `${name}-${fileTimestamp(new Date())}`);
    let candidate = base;
    for (let suffix = 2; await exists(candidate); suffix += 1) candidate = `${base}-${suffix}`;
    return candidate;
  }

  async lock(name: string, operation: string): Promise<LockHandle> {
    const paths = deploymentPaths(this.home, name);
    await ensurePrivateDir(paths.dir);
    return acquireLock(name, paths.lock, operation);
  }

  async readLock(name: string): Promise<LockInfo | undefined> {
    return readLockInfo(name, deploymentPaths(this.home, name).lock);
  }

  async breakLock(name: string): Promise<LockInfo | undefined> {
    return breakLockFile(deploymentPaths(this.home, name).lock);
  }

  async appendJournal(name: string, entry: JournalEntry): Promise<void> {
    const paths = deploymentPaths(this.home, name);
    // Serialized from the first await so entries land in the order appendJournal was called.
    await serialized(paths.journal, async () => {
      await assertNotLockedByOthers(name, paths.lock);
      await ensurePrivateDir(paths.dir);
      await appendJournalEntry(paths.journal, entry);
    });
  }

  async readJournal(name: string): Promise<JournalReadResult> {
    return readJournalFile(deploymentPaths(this.home, name).journal);
  }
}
