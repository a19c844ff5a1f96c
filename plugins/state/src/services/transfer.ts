import { readFile } from 'node:fs/promises';
import { GmError, UsageError } from '@geusemaker/kit/errors';
import {
  assertImportable,
  copyOfExport,
  exportState,
  importDeployment,
  parseExportText,
  validateExport,
  type StateExport,
  type StateStore,
} from '@geusemaker/kit/state';

/** `gm state export [NAME]`: one deployment, or every deployment of the store. Reads only. */
export async function exportDeployments(store: StateStore, name: string | undefined): Promise<StateExport> {
  const names = name === undefined ? await store.list() : [name];
  const exported = await exportState(store, names);
  if (name !== undefined && exported.deployments.length === 0) {
    throw new GmError({ code: 'DEPLOYMENT_NOT_FOUND', message: `No state document for "${name}" in ${store.location}.`, hint: 'See `gm list`.', exitCode: 3 });
  }
  return exported;
}

export interface ImportResult {
  file: string;
  imported: string[];
  /** Deployments that existed and were replaced (--force); each old document was kept as a manual backup. */
  replaced: string[];
}

async function readExportFile(file: string): Promise<StateExport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError({ code: 'FILE_NOT_READABLE', message: `Cannot read ${file}: ${(error as Error).message}.`, hint: 'Pass the path of a file written by `gm state export`.' });
  }
  return validateExport(file, await parseExportText(file, text));
}

/**
 * `gm state import FILE [--force]`: the whole file is validated (kind, names, documents, checksums) before anything
 * is written; existing deployments are refused unless `force`.
 */
export async function importDeployments(store: StateStore, file: string, force: boolean): Promise<ImportResult> {
  const doc = await readExportFile(file);
  await assertImportable(store, doc.deployments, force);
  const replaced: string[] = [];
  for (const deployment of doc.deployments) {
    if (await importDeployment(store, copyOfExport(deployment), `before gm state import ${file}`)) replaced.push(deployment.name);
  }
  return { file, imported: doc.deployments.map((d) => d.name), replaced };
}

export interface MigrateResult {
  from: string;
  to: string;
  deployments: string[];
  /** Backups copied with their ids and checksums. */
  backups: number;
}

/**
 * `gm state migrate --to URL`: copies every deployment (document byte for byte, journal, backups) from this store
 * to another. Each deployment is locked in the source while it is copied. The source is left as it was, so a
 * failed copy loses nothing; delete it once the team uses the new backend.
 */
export async function migrateStore(source: StateStore, target: StateStore, force: boolean): Promise<MigrateResult> {
  if (source.location === target.location) {
    throw new UsageError({ code: 'USAGE', message: `The state is already in ${target.location}.`, hint: 'Pass another backend with --to (s3://bucket/prefix or local).' });
  }
  const names = await source.list();
  const exported = await exportState(source, names);
  await assertImportable(target, exported.deployments, force);
  let backups = 0;
  for (const deployment of exported.deployments) {
    const lock = await source.lock(deployment.name, 'migrate');
    try {
      // The stored text as it is (not re-serialized): a migration is byte for byte, hand-formatted files included.
      const text = (await source.readText(deployment.name)) ?? '';
      await importDeployment(target, { name: deployment.name, text, journal: deployment.journal }, `before gm state migrate from ${source.location}`);
      for (const info of await source.backups.list(deployment.name)) {
        await target.backups.copyIn(await source.backups.read(deployment.name, info.id));
        backups += 1;
      }
    } finally {
      await lock.release();
    }
  }
  return { from: source.location, to: target.location, deployments: exported.deployments.map((d) => d.name), backups };
}
