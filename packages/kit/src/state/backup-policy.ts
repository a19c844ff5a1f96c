import { sha256, type Backups } from './backups.js';
import { STATE_SCHEMA_VERSION } from './document.js';

/**
 * How stores keep automatic backups. Every version a store writes is also saved as an `auto` backup (right after
 * the write), so the newest backup is always the newest good document and `gm state restore NAME --latest` brings
 * back exactly what was last written — even after the file itself is damaged. Right before a replacement, the
 * document there is kept too unless the newest backup already holds it (a file written by something else: an older
 * gm, an edit by hand, a damaged file). The newest AUTO_BACKUP_RETENTION `auto` backups remain.
 */

/** The schemaVersion a stored text claims, if it is readable enough to say. */
function storedVersion(text: string): number | undefined {
  try {
    const value = (JSON.parse(text) as { schemaVersion?: unknown } | null)?.schemaVersion;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

async function newestBackupHolds(backups: Backups, name: string, text: string): Promise<boolean> {
  const id = await backups.latestId(name);
  if (id === undefined) return false;
  return backups.read(name, id).then(
    (record) => record.sha256 === sha256(text),
    () => false,
  );
}

/**
 * Before `current` is replaced: an older-format original becomes a `migration` backup (never evicted: the only
 * copy of that version); anything not already in the newest backup an `auto` one.
 */
export async function backupBeforeReplace(backups: Backups, name: string, current: string | undefined, next: string, reason: string): Promise<void> {
  if (current === undefined || current === next) return;
  const version = storedVersion(current);
  if (version !== undefined && version < STATE_SCHEMA_VERSION) {
    await backups.create(name, current, 'migration', { reason: `original in schemaVersion ${version}, kept when it was migrated to ${STATE_SCHEMA_VERSION}` });
    return;
  }
  if (!(await newestBackupHolds(backups, name, current))) await backups.create(name, current, 'auto', { reason });
}

/**
 * After `written` replaced `previous`: its copy, so the newest backup is the newest document. When `previous` was
 * another document, `backupBeforeReplace` left it as the newest backup, so that backup cannot hold `written`.
 */
export async function backupAfterWrite(backups: Backups, name: string, written: string, previous: string | undefined): Promise<void> {
  const replacedAnother = previous !== undefined && previous !== written;
  if (!replacedAnother && (await newestBackupHolds(backups, name, written))) return;
  await backups.create(name, written, 'auto', { reason: 'copy of the state as written' });
}
