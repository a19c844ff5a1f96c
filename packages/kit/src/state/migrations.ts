import type { StateDocument } from './types.js';

/**
 * The chain of state format migrations. Each one takes a document of version `from` and returns the same state in
 * version `from + 1`; `migrateDocument` applies them in order, so a file of any older version reaches the current
 * one through every step in between (each step is tested on its own and through the chain).
 */
export interface StateMigration {
  readonly from: number;
  readonly to: number;
  /** What changed, for `gm state verify` and the backup's reason. */
  readonly summary: string;
  migrate(doc: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** A timestamp as canonical UTC ISO-8601 (`2026-01-02T03:04:05.000Z`), or the value unchanged when it is not one. */
export function canonicalTimestamp(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value !== 'string') return value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}

/**
 * v1 → v2: timestamps become canonical UTC. v1 files could carry `createdAt`/`updatedAt` with an offset
 * (`+02:00`), as epoch milliseconds (hand-edited or imported files), or no `updatedAt` at all; `gm list --sort
 * created` compares them as strings, which only orders canonical UTC correctly. A missing `updatedAt` takes
 * `createdAt`. Every other field is kept as it is.
 */
const v1ToV2: StateMigration = {
  from: 1,
  to: 2,
  summary: 'createdAt/updatedAt normalised to canonical UTC ISO-8601; a missing updatedAt takes createdAt',
  migrate(doc) {
    const next: Record<string, unknown> = { ...doc, schemaVersion: 2 };
    if ('createdAt' in doc) next.createdAt = canonicalTimestamp(doc.createdAt);
    if ('updatedAt' in doc) next.updatedAt = canonicalTimestamp(doc.updatedAt);
    else if (typeof next.createdAt === 'string') next.updatedAt = next.createdAt;
    return next;
  },
};

export const STATE_MIGRATIONS: readonly StateMigration[] = [v1ToV2];

/** The migrations that take a document of `version` to `target`, in order (none when it is already there). */
export function migrationsFrom(version: number, target: number): StateMigration[] {
  const chain: StateMigration[] = [];
  for (let current = version; current < target; current += 1) {
    const step = STATE_MIGRATIONS.find((migration) => migration.from === current);
    if (step === undefined || step.to !== current + 1) throw new Error(`No state migration from version ${current}`);
    chain.push(step);
  }
  return chain;
}

/** Applies every migration from the document's version up to `target`; the input is not modified. */
export function migrateDocument(doc: StateDocument, target: number): StateDocument {
  let current: Record<string, unknown> = { ...doc };
  for (const step of migrationsFrom(doc.schemaVersion, target)) current = step.migrate(current);
  return current as unknown as StateDocument;
}
