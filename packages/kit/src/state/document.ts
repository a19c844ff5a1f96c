import { ConfigError, GmError } from '../errors/index.js';
import { migrateDocument } from './migrations.js';
import type { StateDocument } from './types.js';

/**
 * The state format this gm writes. Bump it only with a migration from the previous version in `migrations.ts`;
 * older gm versions then refuse the new files instead of misreading them.
 */
export const STATE_SCHEMA_VERSION = 2;

/** The exact command that brings a deployment's state back from its newest backup. */
export function restoreCommand(name: string): string {
  return `gm state restore ${name} --latest`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function corrupt(path: string, why: string, name: string): ConfigError {
  return new ConfigError({
    code: 'STATE_CORRUPT',
    message: `State file ${path} is not a valid gm state document: ${why}.`,
    hint: `gm never replaces it silently. Restore the newest backup: \`${restoreCommand(name)}\` (\`gm state backups ${name}\` lists them), or repair ${path}.`,
    issues: [{ pointer: '', message: why, fix: `Run \`${restoreCommand(name)}\`.` }],
    details: { restoreCommand: restoreCommand(name) },
  });
}

/**
 * Parses a state file's text and brings it to the current format (in memory only: the file changes on the next
 * write, which keeps the original as a backup). Unparsable, malformed or foreign files and newer formats are
 * ConfigErrors (exit 3).
 */
export function parseStateDocument(text: string, path: string, expectedName: string): StateDocument {
  const doc = validateStateText(text, path, expectedName);
  return doc.schemaVersion < STATE_SCHEMA_VERSION ? migrateDocument(doc, STATE_SCHEMA_VERSION) : doc;
}

/** The document as stored (no migration), after the same checks as `parseStateDocument`. */
export function validateStateText(text: string, path: string, expectedName: string): StateDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, `unparsable JSON (${(error as Error).message})`, expectedName);
  }
  if (!isPlainObject(value)) throw corrupt(path, 'expected a JSON object', expectedName);
  const { schemaVersion, name } = value;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw corrupt(path, '`schemaVersion` must be a positive integer', expectedName);
  }
  if (schemaVersion > STATE_SCHEMA_VERSION) {
    throw new ConfigError({
      code: 'STATE_TOO_NEW',
      message: `State file ${path} was written by a newer gm (state schemaVersion ${schemaVersion}; this gm understands up to ${STATE_SCHEMA_VERSION}).`,
      hint: 'Upgrade gm to work with this deployment. The file was left untouched.',
      issues: [{ pointer: '/schemaVersion', message: `version ${schemaVersion} is newer than supported`, fix: 'Upgrade gm.' }],
    });
  }
  if (name !== expectedName) throw corrupt(path, `\`name\` is ${JSON.stringify(name)}, expected "${expectedName}"`, expectedName);
  return value as StateDocument;
}

/** Serializes a document for `name`, refusing ones this gm must not write (a programming error, not user input). */
export function serializeStateDocument(doc: StateDocument, name: string): string {
  if (!isPlainObject(doc) || doc.schemaVersion !== STATE_SCHEMA_VERSION || doc.name !== name) {
    throw new GmError({
      code: 'STATE_INVALID_DOCUMENT',
      message: `Refusing to write state for "${name}": the document must be an object with name "${name}" and schemaVersion ${STATE_SCHEMA_VERSION}.`,
    });
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}
