import { UsageError } from '@geusemaker/kit/errors';
import { restoreCommand, type BackupInfo, type StateStore } from '@geusemaker/kit/state';

export interface RestoreResult {
  name: string;
  /** The backup whose bytes are now the state document. */
  restored: BackupInfo;
  /** sha256 of the state document after the restore: equal to the backup's. */
  sha256: string;
}

/** `gm state backup NAME`: a manual backup of the document as it is now (kept until deleted). */
export async function backupDeployment(store: StateStore, name: string, label: string | undefined): Promise<BackupInfo> {
  const text = await store.readText(name);
  if (text === undefined) {
    throw new UsageError({ code: 'DEPLOYMENT_NOT_FOUND', message: `No state document for "${name}" in ${store.location}; nothing to back up.`, hint: 'See `gm list` for the deployments.' });
  }
  return store.backups.create(name, text, 'manual', { reason: 'gm state backup', ...(label === undefined ? {} : { label }) });
}

/** Every backup of one deployment, or of all deployments that have any, newest first. */
export async function listBackups(store: StateStore, name: string | undefined): Promise<BackupInfo[]> {
  const names = name === undefined ? await store.backups.names() : [name];
  return (await Promise.all(names.map((each) => store.backups.list(each)))).flat();
}

function noBackup(name: string): UsageError {
  return new UsageError({ code: 'STATE_NO_BACKUP', message: `Deployment "${name}" has no backup to restore.`, hint: `\`gm state backups ${name}\` lists backups; \`gm state import FILE\` restores from an export.` });
}

/**
 * `gm state restore NAME --latest|--backup ID`: checks the backup's sha256, then writes its bytes back as the
 * document under the deployment's lock. What it replaces (even a corrupt file) is kept as a backup first.
 */
export async function restoreDeployment(store: StateStore, name: string, choice: { latest: boolean; backupId: string | undefined }): Promise<RestoreResult> {
  if (choice.latest === (choice.backupId !== undefined)) {
    throw new UsageError({ code: 'USAGE', message: 'Pass exactly one of --latest or --backup ID.', hint: `e.g. \`${restoreCommand(name)}\`` });
  }
  const id = choice.backupId ?? (await store.backups.latestId(name));
  if (id === undefined) throw noBackup(name);
  const record = await store.backups.read(name, id);
  const lock = await store.lock(name, 'restore');
  try {
    await store.restoreText(name, record.content, `before restoring backup ${id}`);
  } finally {
    await lock.release();
  }
  const { content: _content, ...restored } = record;
  return { name, restored, sha256: record.sha256 };
}

export async function deleteBackup(store: StateStore, name: string, id: string): Promise<{ name: string; deleted: string }> {
  await store.backups.delete(name, id);
  return { name, deleted: id };
}
