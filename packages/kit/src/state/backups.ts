import { createHash, randomBytes } from 'node:crypto';
import { ConfigError, GmError } from '../errors/index.js';

/**
 * Backups of state documents, the same for every backend (each backend supplies a BackupStorage).
 * - `auto`: taken by the store before every change of a document; the newest AUTO_BACKUP_RETENTION are kept.
 * - `manual`: `gm state backup`; kept until deleted.
 * - `migration`: the original of a document written in an older format, taken when a newer format replaces it;
 *   kept until deleted (it is the only copy of that version).
 * Only `auto` backups are ever evicted, and only by a write, so read-only commands never remove anything.
 */
export type BackupKind = 'auto' | 'manual' | 'migration';

export const AUTO_BACKUP_RETENTION = 20;

export interface BackupInfo {
  /** `<UTC timestamp>-<kind>-<random>`: sorts by time, and says its kind without being read. */
  readonly id: string;
  readonly name: string;
  readonly kind: BackupKind;
  readonly label?: string;
  readonly reason: string;
  readonly createdAt: string;
  /** sha256 of `content`, checked on every restore. */
  readonly sha256: string;
  readonly bytes: number;
}

/** A backup as stored: its facts and the document's exact text (restore writes these bytes back). */
export interface BackupRecord extends BackupInfo {
  readonly content: string;
}

/** Where a backend keeps backup files: one small text object per backup, grouped by deployment. */
export interface BackupStorage {
  put(name: string, id: string, text: string): Promise<void>;
  get(name: string, id: string): Promise<string | undefined>;
  /** The backup ids of one deployment (any order). */
  ids(name: string): Promise<string[]>;
  /** Deployments that have at least one backup. */
  names(): Promise<string[]>;
  delete(name: string, id: string): Promise<boolean>;
}

const ID_PATTERN = /^\d{8}T\d{9}Z-(auto|manual|migration)-[0-9a-f]{6}$/;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The last backup time this process used: ids must sort in creation order even within one millisecond. */
let lastBackupMs = 0;

function nextBackupTime(): Date {
  lastBackupMs = Math.max(Date.now(), lastBackupMs + 1);
  return new Date(lastBackupMs);
}

function newBackupId(kind: BackupKind, at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${kind}-${randomBytes(3).toString('hex')}`;
}

export function isBackupId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function kindOfId(id: string): BackupKind | undefined {
  return ID_PATTERN.exec(id)?.[1] as BackupKind | undefined;
}

function notFound(name: string, id: string): GmError {
  return new GmError({
    code: 'STATE_BACKUP_NOT_FOUND',
    message: `No backup "${id}" for deployment "${name}".`,
    hint: `List the backups with \`gm state backups ${name}\`.`,
    exitCode: 3,
  });
}

function damaged(name: string, id: string, why: string): ConfigError {
  return new ConfigError({
    code: 'STATE_BACKUP_CORRUPT',
    message: `Backup ${id} of "${name}" is damaged: ${why}. Nothing was restored.`,
    hint: `Pick another backup from \`gm state backups ${name}\`.`,
  });
}

function parseRecord(name: string, id: string, text: string): BackupRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(name, id, 'not JSON');
  }
  const record = value as Partial<BackupRecord> | null;
  if (typeof record?.content !== 'string' || typeof record.sha256 !== 'string' || record.id !== id) throw damaged(name, id, 'fields missing');
  return record as BackupRecord;
}

function infoOf(record: BackupRecord): BackupInfo {
  const { content: _content, ...info } = record;
  return info;
}

export class Backups {
  private readonly storage: BackupStorage;

  constructor(storage: BackupStorage) {
    this.storage = storage;
  }

  /** Saves `content` (a document's exact text); an automatic one evicts the oldest automatic ones beyond retention. */
  async create(name: string, content: string, kind: BackupKind, details: { reason: string; label?: string }): Promise<BackupInfo> {
    const at = nextBackupTime();
    const record: BackupRecord = {
      id: newBackupId(kind, at),
      name,
      kind,
      ...(details.label === undefined ? {} : { label: details.label }),
      reason: details.reason,
      createdAt: at.toISOString(),
      sha256: sha256(content),
      bytes: Buffer.byteLength(content, 'utf8'),
      content,
    };
    // Evict first, keeping room for this one: a crash between the two steps then never leaves more than the retention.
    if (kind === 'auto') await this.evictAutomatic(name, AUTO_BACKUP_RETENTION - 1);
    await this.storage.put(name, record.id, `${JSON.stringify(record, null, 2)}\n`);
    return infoOf(record);
  }

  /** Every backup id of a deployment, newest first, readable or not (`gm state verify` reads each one). */
  async ids(name: string): Promise<string[]> {
    return (await this.storage.ids(name)).filter(isBackupId).sort().reverse();
  }

  /** Newest first. A backup file that cannot be read is skipped here; `read` reports it. */
  async list(name: string): Promise<BackupInfo[]> {
    const ids = await this.ids(name);
    const infos = await Promise.all(ids.map((id) => this.read(name, id).then(infoOf, () => undefined)));
    return infos.filter((info): info is BackupInfo => info !== undefined);
  }

  async names(): Promise<string[]> {
    return (await this.storage.names()).sort();
  }

  /** The backup with its content, after checking the content against its sha256. */
  async read(name: string, id: string): Promise<BackupRecord> {
    if (!isBackupId(id)) throw notFound(name, id);
    const text = await this.storage.get(name, id);
    if (text === undefined) throw notFound(name, id);
    const record = parseRecord(name, id, text);
    if (sha256(record.content) !== record.sha256) throw damaged(name, id, 'its checksum does not match its content');
    return record;
  }

  /** The newest backup of any kind, or undefined when there is none. */
  async latestId(name: string): Promise<string | undefined> {
    return (await this.storage.ids(name)).filter(isBackupId).sort().at(-1);
  }

  /** Stores a backup read from another store under its own id (`gm state migrate` copies backups as they are). */
  async copyIn(record: BackupRecord): Promise<void> {
    if (!isBackupId(record.id) || sha256(record.content) !== record.sha256) throw damaged(record.name, record.id, 'its checksum does not match its content');
    await this.storage.put(record.name, record.id, `${JSON.stringify(record, null, 2)}\n`);
  }

  async delete(name: string, id: string): Promise<void> {
    if (!isBackupId(id) || !(await this.storage.delete(name, id))) throw notFound(name, id);
  }

  private async evictAutomatic(name: string, keep: number): Promise<void> {
    const automatic = (await this.storage.ids(name)).filter((id) => kindOfId(id) === 'auto').sort();
    const excess = automatic.slice(0, Math.max(0, automatic.length - keep));
    for (const id of excess) await this.storage.delete(name, id);
  }
}
