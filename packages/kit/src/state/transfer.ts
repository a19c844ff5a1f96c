import { ConfigError } from '../errors/index.js';
import { GM_VERSION } from '../version.js';
import { sha256 } from './backups.js';
import { validateStateText } from './document.js';
import { assertDeploymentName } from './paths.js';
import type { JournalEntry, StateDocument, StateStore } from './types.js';

/**
 * `gm state export` / `gm state import`: deployments as one portable document (JSON or YAML). Each carries its
 * state document, the sha256 of that document's text as stored, and its journal, so an import can prove it got
 * exactly what was exported (an edited or truncated file is refused).
 */
export const EXPORT_KIND = 'geusemaker-state-export';
export const EXPORT_VERSION = 1;

export interface ExportedDeployment {
  name: string;
  schemaVersion: number;
  /** sha256 of the stored text, which is `JSON.stringify(state, null, 2)` plus a newline for every file gm writes. */
  sha256: string;
  state: StateDocument;
  journal: JournalEntry[];
}

export interface StateExport {
  kind: typeof EXPORT_KIND;
  exportVersion: number;
  exportedAt: string;
  gmVersion: string;
  source: string;
  deployments: ExportedDeployment[];
}

/** The text a document is stored as (what gm writes: 2-space JSON and a newline). */
export function documentText(state: StateDocument): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** One deployment as exported; undefined when it has no state document. Reads only: no lock, no backup. */
export async function exportDeployment(store: StateStore, name: string): Promise<ExportedDeployment | undefined> {
  const text = await store.readText(name);
  if (text === undefined) return undefined;
  const state = validateStateText(text, `${store.location} ${name}`, name);
  const { entries } = await store.readJournal(name);
  return { name, schemaVersion: state.schemaVersion, sha256: sha256(documentText(state)), state, journal: entries };
}

export async function exportState(store: StateStore, names: readonly string[]): Promise<StateExport> {
  const deployments = (await Promise.all(names.map((name) => exportDeployment(store, name)))).filter((d): d is ExportedDeployment => d !== undefined);
  return { kind: EXPORT_KIND, exportVersion: EXPORT_VERSION, exportedAt: new Date().toISOString(), gmVersion: GM_VERSION, source: store.location, deployments };
}

function invalid(file: string, pointer: string, why: string): ConfigError {
  return new ConfigError({
    code: 'STATE_IMPORT_INVALID',
    message: `${file} is not a valid gm state export: ${why}.`,
    hint: 'Import only files written by `gm state export`, unedited. Nothing was imported.',
    issues: [{ pointer, message: why, fix: 'Export it again with `gm state export`.' }],
  });
}

function checkDeployment(file: string, value: unknown, index: number): ExportedDeployment {
  const pointer = `/deployments/${index}`;
  const item = value as Partial<ExportedDeployment> | null;
  if (typeof item !== 'object' || item === null || typeof item.name !== 'string') throw invalid(file, pointer, 'a deployment without a name');
  assertDeploymentName(item.name);
  if (typeof item.state !== 'object' || item.state === null || !Array.isArray(item.journal)) throw invalid(file, pointer, `"${item.name}" lacks its state or journal`);
  const text = documentText(item.state);
  validateStateText(text, `${file} ${pointer}/state`, item.name);
  if (sha256(text) !== item.sha256) throw invalid(file, `${pointer}/sha256`, `the state of "${item.name}" does not match its checksum (edited or damaged)`);
  if (item.journal.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) throw invalid(file, `${pointer}/journal`, 'a journal entry is not an object');
  return item as ExportedDeployment;
}

/** Checks a parsed export file whole before anything is written: kind, version, names, documents, checksums. */
export function validateExport(file: string, value: unknown): StateExport {
  const doc = value as Partial<StateExport> | null;
  if (typeof doc !== 'object' || doc === null || doc.kind !== EXPORT_KIND) throw invalid(file, '/kind', `expected kind "${EXPORT_KIND}"`);
  if (doc.exportVersion !== EXPORT_VERSION) throw invalid(file, '/exportVersion', `export version ${String(doc.exportVersion)} is not ${EXPORT_VERSION}`);
  if (!Array.isArray(doc.deployments)) throw invalid(file, '/deployments', 'no deployments list');
  const deployments = doc.deployments.map((item, index) => checkDeployment(file, item, index));
  const names = deployments.map((d) => d.name);
  if (new Set(names).size !== names.length) throw invalid(file, '/deployments', 'a deployment appears twice');
  return { ...(doc as StateExport), deployments };
}

/** Parses an export file's text: JSON, or YAML (which `gm state export --format yaml` writes). */
export async function parseExportText(file: string, text: string): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { parse } = await import('yaml');
    try {
      return parse(text) as unknown;
    } catch (error) {
      throw invalid(file, '', `neither JSON nor YAML (${(error as Error).message})`);
    }
  }
}

function exists(name: string, target: StateStore): ConfigError {
  return new ConfigError({
    code: 'STATE_EXISTS',
    message: `Deployment "${name}" already has state in ${target.location}; nothing was imported.`,
    hint: 'Pass --force to replace it (its current state document is kept as a manual backup first).',
    issues: [{ pointer: `/deployments/${name}`, message: 'already exists', fix: 'Pass --force, or import elsewhere.' }],
  });
}

/** True when the store holds a document or a journal for `name` (a journal alone still means resources may exist). */
async function hasState(store: StateStore, name: string): Promise<boolean> {
  return (await store.readText(name)) !== undefined || (await store.readJournal(name)).entries.length > 0;
}

/** Refuses (STATE_EXISTS, exit 3) unless `force` when any of the deployments is already in the target. */
export async function assertImportable(target: StateStore, deployments: readonly ExportedDeployment[], force: boolean): Promise<void> {
  if (force) return;
  for (const deployment of deployments) if (await hasState(target, deployment.name)) throw exists(deployment.name, target);
}

/** What `importDeployment` writes: the document's exact text and the journal entries. */
export interface DeploymentCopy {
  name: string;
  text: string;
  journal: readonly JournalEntry[];
}

/** The copy of an exported deployment: its document as gm writes it (the text its checksum was taken of). */
export function copyOfExport(deployment: ExportedDeployment): DeploymentCopy {
  return { name: deployment.name, text: documentText(deployment.state), journal: deployment.journal };
}

/**
 * Writes one deployment into `target` under its lock: the document byte for byte, then its journal. With an
 * existing deployment (the caller checked `force`), its current document is first kept as a manual backup, then its
 * state removed. True when it replaced an existing deployment.
 */
export async function importDeployment(target: StateStore, copy: DeploymentCopy, reason: string): Promise<boolean> {
  const { name } = copy;
  const current = await target.readText(name);
  if (current !== undefined) await target.backups.create(name, current, 'manual', { label: 'before-import', reason });
  const replaced = current !== undefined || (await target.readJournal(name)).entries.length > 0;
  if (replaced) {
    const held = await target.lock(name, 'import');
    await target.remove(name);
    await held.release();
  }
  const lock = await target.lock(name, 'import');
  try {
    await target.restoreText(name, copy.text, reason);
    for (const entry of copy.journal) await target.appendJournal(name, entry);
  } finally {
    await lock.release();
  }
  return replaced;
}

/** The export as text: JSON (2-space, newline-terminated) or YAML. */
export async function formatExport(doc: StateExport, format: 'json' | 'yaml'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  const { stringify } = await import('yaml');
  return stringify(doc);
}
