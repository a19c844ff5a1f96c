import type { BackupStorage } from './backups.js';
import { assertDeploymentName, isValidDeploymentName } from './paths.js';
import type { S3Objects } from './s3-objects.js';

const ROOT = 'backups/';
const SUFFIX = '.json';

/** Backups in the shared bucket: `<prefix>/backups/<name>/<id>.json` (kept when a deployment is archived). */
export class S3BackupStorage implements BackupStorage {
  private readonly objects: S3Objects;

  constructor(objects: S3Objects) {
    this.objects = objects;
  }

  private key(name: string, id: string): string {
    assertDeploymentName(name);
    return `${ROOT}${name}/${id}${SUFFIX}`;
  }

  async put(name: string, id: string, text: string): Promise<void> {
    await this.objects.put(this.key(name, id), text, { kind: 'create' });
  }

  async get(name: string, id: string): Promise<string | undefined> {
    return (await this.objects.get(this.key(name, id)))?.body;
  }

  async ids(name: string): Promise<string[]> {
    assertDeploymentName(name);
    const keys = await this.objects.list(`${ROOT}${name}/`);
    return keys.filter((key) => key.endsWith(SUFFIX)).map((key) => key.slice(`${ROOT}${name}/`.length, -SUFFIX.length)).filter((id) => !id.includes('/'));
  }

  async names(): Promise<string[]> {
    const keys = await this.objects.list(ROOT);
    return [...new Set(keys.map((key) => key.slice(ROOT.length).split('/')[0] ?? ''))].filter(isValidDeploymentName);
  }

  async delete(name: string, id: string): Promise<boolean> {
    const key = this.key(name, id);
    if ((await this.objects.get(key)) === undefined) return false;
    await this.objects.delete(key);
    return true;
  }
}
