import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupStorage } from './backups.js';
import { ensurePrivateDir, errnoCode, fsyncDir, readTextIfExists, writePrivateFileAtomic } from './fs-private.js';
import { assertDeploymentName, isValidDeploymentName } from './paths.js';

const SUFFIX = '.json';

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  });
}

/** Backups on the local disk: `<home>/backups/<name>/<id>.json`, 0600 files in 0700 directories, written atomically. */
export class LocalBackupStorage implements BackupStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private dir(name: string): string {
    assertDeploymentName(name);
    return join(this.root, name);
  }

  async put(name: string, id: string, text: string): Promise<void> {
    await ensurePrivateDir(this.dir(name));
    await writePrivateFileAtomic(join(this.dir(name), `${id}${SUFFIX}`), text);
  }

  async get(name: string, id: string): Promise<string | undefined> {
    return readTextIfExists(join(this.dir(name), `${id}${SUFFIX}`));
  }

  async ids(name: string): Promise<string[]> {
    return (await entries(this.dir(name))).filter((file) => file.endsWith(SUFFIX)).map((file) => file.slice(0, -SUFFIX.length));
  }

  async names(): Promise<string[]> {
    const names = (await entries(this.root)).filter(isValidDeploymentName);
    const withBackups = await Promise.all(names.map(async (name) => ((await this.ids(name)).length > 0 ? name : undefined)));
    return withBackups.filter((name): name is string => name !== undefined);
  }

  async delete(name: string, id: string): Promise<boolean> {
    try {
      await unlink(join(this.dir(name), `${id}${SUFFIX}`));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return false;
      throw error;
    }
    await fsyncDir(this.dir(name));
    return true;
  }
}
