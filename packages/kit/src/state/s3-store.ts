import type { S3Api } from '../aws/index.js';
import { ConfigError, GmError } from '../errors/index.js';
import { Backups } from './backups.js';
import { DocumentStore, fileTimestamp } from './document-store.js';
import { serialized } from './fs-private.js';
import { acquireS3Lock, assertS3NotLockedByOthers, breakS3Lock, forgetS3Lock, lockKey, readS3Lock } from './s3-lock.js';
import { S3BackupStorage } from './s3-backups.js';
import { s3Url, type S3Location } from './s3-location.js';
import { S3Objects } from './s3-objects.js';
import { assertDeploymentName, isValidDeploymentName } from './paths.js';
import type { JournalEntry, JournalReadResult, LockHandle, LockInfo, StateStore } from './types.js';

const DEPLOYMENTS = 'deployments/';
const SEQ_DIGITS = 10;
const MAX_APPEND_ROUNDS = 50;

const stateKey = (name: string): string => `${DEPLOYMENTS}${name}/state.json`;
const journalPrefix = (name: string): string => `${DEPLOYMENTS}${name}/journal/`;
const journalKey = (name: string, seq: number): string => `${journalPrefix(name)}${String(seq).padStart(SEQ_DIGITS, '0')}.json`;

function journalSeq(key: string): number | undefined {
  const match = /\/journal\/(\d+)\.json$/.exec(key);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Each entry is a whole object (an S3 PUT is all or nothing), so anything unparsable was damaged by hand: exit 3. */
function parseJournalObject(url: string, body: string): JournalEntry {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JournalEntry;
  } catch {
    // reported below
  }
  throw new ConfigError({
    code: 'STATE_JOURNAL_CORRUPT',
    message: `Journal entry ${url} is not a JSON object.`,
    hint: `gm never rewrites a journal silently. Repair or delete ${url}.`,
    issues: [{ pointer: '', message: 'not a JSON object', fix: `Repair ${url}.` }],
  });
}

/**
 * State in a shared S3 bucket (`GM_STATE=s3://bucket/prefix`), with the LocalStateStore's contract:
 *   <prefix>/deployments/<name>/state.json | lock.json | journal/<seq>.json     <prefix>/backups/<name>/<id>.json
 *   <prefix>/archive/<name>-<timestamp>/…
 * An S3 PUT replaces an object whole, so a writer killed mid-write leaves the old document. The journal is one
 * object per entry, created with `If-None-Match: *`, so appends never overwrite each other; the lock is created
 * the same way (s3-lock.ts).
 */
export class S3StateStore extends DocumentStore implements StateStore {
  readonly backups: Backups;
  private readonly objects: S3Objects;
  /** Next journal sequence number per deployment, once known (re-listed when another writer got there first). */
  private readonly nextSeq = new Map<string, number>();

  constructor(location: S3Location, s3: () => Promise<S3Api>) {
    super();
    this.objects = new S3Objects(location, s3);
    this.backups = new Backups(new S3BackupStorage(this.objects));
  }

  get location(): string {
    return s3Url(this.objects.location);
  }

  async list(): Promise<string[]> {
    const keys = await this.objects.list(DEPLOYMENTS);
    const names = keys.flatMap((key) => {
      const [name = '', ...parts] = key.slice(DEPLOYMENTS.length).split('/');
      const rest = parts.join('/');
      return isValidDeploymentName(name) && (rest === 'state.json' || rest.startsWith('journal/')) ? [name] : [];
    });
    return [...new Set(names)].sort();
  }

  async readText(name: string): Promise<string | undefined> {
    assertDeploymentName(name);
    return (await this.objects.get(stateKey(name)))?.body;
  }

  protected documentUrl(name: string): string {
    return s3Url(this.objects.location, stateKey(name));
  }

  protected async storeText(name: string, text: string): Promise<void> {
    await this.objects.put(stateKey(name), text);
  }

  protected assertUnlocked(name: string): Promise<void> {
    assertDeploymentName(name);
    return assertS3NotLockedByOthers(this.objects, name);
  }

  private async deploymentKeys(name: string): Promise<string[]> {
    assertDeploymentName(name);
    return this.objects.list(`${DEPLOYMENTS}${name}/`);
  }

  async remove(name: string): Promise<boolean> {
    await assertS3NotLockedByOthers(this.objects, name);
    const keys = await this.deploymentKeys(name);
    for (const key of keys) await this.objects.delete(key);
    forgetS3Lock(this.objects, name);
    this.nextSeq.delete(name);
    return keys.length > 0;
  }

  /** Copies everything but the lock to `<prefix>/archive/<name>-<timestamp>/`, then deletes the originals. */
  async archive(name: string): Promise<string> {
    await assertS3NotLockedByOthers(this.objects, name);
    const keys = (await this.deploymentKeys(name)).filter((key) => key !== lockKey(name));
    if (keys.length === 0) throw new GmError({ code: 'STATE_NOT_FOUND', message: `No state to archive for deployment "${name}".` });
    const target = `archive/${name}-${fileTimestamp(new Date())}/`;
    for (const key of keys) {
      const stored = await this.objects.get(key);
      if (stored !== undefined) await this.objects.put(`${target}${key.slice(`${DEPLOYMENTS}${name}/`.length)}`, stored.body);
    }
    for (const key of [...keys, lockKey(name)]) await this.objects.delete(key);
    forgetS3Lock(this.objects, name);
    this.nextSeq.delete(name);
    return s3Url(this.objects.location, target);
  }

  async lock(name: string, operation: string): Promise<LockHandle> {
    assertDeploymentName(name);
    return acquireS3Lock(this.objects, name, operation);
  }

  async readLock(name: string): Promise<LockInfo | undefined> {
    assertDeploymentName(name);
    return readS3Lock(this.objects, name);
  }

  async breakLock(name: string): Promise<LockInfo | undefined> {
    assertDeploymentName(name);
    return breakS3Lock(this.objects, name);
  }

  async appendJournal(name: string, entry: JournalEntry): Promise<void> {
    assertDeploymentName(name);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new GmError({ code: 'STATE_INVALID_JOURNAL_ENTRY', message: 'A journal entry must be a JSON object.' });
    }
    const body = `${JSON.stringify(entry)}\n`;
    await serialized(this.location + journalPrefix(name), async () => {
      await assertS3NotLockedByOthers(this.objects, name);
      for (let round = 0; round < MAX_APPEND_ROUNDS; round += 1) {
        const seq = this.nextSeq.get(name) ?? (await this.lastSeq(name)) + 1;
        const written = await this.objects.put(journalKey(name, seq), body, { kind: 'create' });
        this.nextSeq.set(name, written ? seq + 1 : (await this.lastSeq(name)) + 1);
        if (written) return;
      }
      throw new GmError({ code: 'STATE_JOURNAL_CONTENDED', message: `Could not append to the journal of "${name}": other writers kept taking the next slot.`, hint: 'Run the command again.' });
    });
  }

  private async journalKeys(name: string): Promise<string[]> {
    return (await this.objects.list(journalPrefix(name))).filter((key) => journalSeq(key) !== undefined).sort();
  }

  private async lastSeq(name: string): Promise<number> {
    return (await this.journalKeys(name)).reduce((max, key) => Math.max(max, journalSeq(key) ?? 0), 0);
  }

  async readJournal(name: string): Promise<JournalReadResult> {
    assertDeploymentName(name);
    const keys = await this.journalKeys(name);
    const bodies = await Promise.all(keys.map(async (key) => ({ key, stored: await this.objects.get(key) })));
    const entries = bodies.flatMap(({ key, stored }) => (stored === undefined ? [] : [parseJournalObject(s3Url(this.objects.location, key), stored.body)]));
    return { entries, warnings: [] };
  }
}
