import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, GmError } from '../errors/index.js';
import { errnoCode, fsyncDir, PRIVATE_FILE_MODE, readTextIfExists } from './fs-private.js';
import type { JournalEntry, JournalReadResult } from './types.js';

const NEWLINE = 0x0a;

function parseEntry(line: string): JournalEntry | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the journal for appending, creating it owner-only; reports whether it is new (its dir then needs an fsync). */
async function openForAppend(path: string): Promise<{ handle: FileHandle; created: boolean }> {
  try {
    return { handle: await open(path, 'ax+', PRIVATE_FILE_MODE), created: true };
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error;
    return { handle: await open(path, 'a+'), created: false };
  }
}

async function readAll(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await handle.read(buffer, offset, size - offset, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return buffer.subarray(0, offset);
}

/**
 * Makes sure the file ends with a newline before we append. A crash mid-append can leave a partial last line;
 * appending after it would glue our entry to the fragment and corrupt both. The fragment was never acknowledged to
 * its writer, so it is cut off. (A complete entry that merely lacks its newline is kept.)
 */
async function repairTail(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] === NEWLINE) return;
  const content = await readAll(handle, size);
  const tailStart = content.lastIndexOf(NEWLINE) + 1;
  if (parseEntry(content.subarray(tailStart).toString('utf8')) !== undefined) {
    await handle.appendFile('\n');
  } else {
    await handle.truncate(tailStart);
  }
}

/**
 * Appends one entry as a JSON line and fsyncs before resolving: once this returns, the entry survives a crash.
 * Callers serialize appends to one journal within the process (`serialized`).
 */
export async function appendJournalEntry(path: string, entry: JournalEntry): Promise<void> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new GmError({ code: 'STATE_INVALID_JOURNAL_ENTRY', message: 'A journal entry must be a JSON object.' });
  }
  const line = `${JSON.stringify(entry)}\n`;
  const { handle, created } = await openForAppend(path);
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await repairTail(handle);
    await handle.appendFile(line);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDir(dirname(path));
}

function corruptJournal(path: string, lineNumber: number): ConfigError {
  return new ConfigError({
    code: 'STATE_JOURNAL_CORRUPT',
    message: `Journal ${path} is corrupt at line ${lineNumber}: not a JSON object.`,
    hint: `gm never rewrites a journal silently. Repair line ${lineNumber} of ${path}, or restore a backup with \`gm state restore\`.`,
    issues: [{ pointer: '', message: `line ${lineNumber} is not a JSON object`, fix: `Repair ${path}.` }],
  });
}

/**
 * Reads every entry. Only the last line may be unparsable — that is an append torn by a crash, ignored and reported
 * in `warnings`. Anything unparsable before it did not come from a crash, so it is an error (exit 3).
 */
export async function readJournalFile(path: string): Promise<JournalReadResult> {
  const text = await readTextIfExists(path);
  const result: JournalReadResult = { entries: [], warnings: [] };
  if (text === undefined) return result;
  const lines = text.split('\n');
  const lastIndex = lines.findLastIndex((line) => line.trim() !== '');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const entry = parseEntry(line);
    if (entry !== undefined) {
      result.entries.push(entry);
    } else if (index === lastIndex) {
      const bytes = Buffer.byteLength(line);
      result.warnings.push(`Ignored a torn last line in ${path} (line ${index + 1}, ${bytes} bytes): an append cut short by a crash.`);
    } else {
      throw corruptJournal(path, index + 1);
    }
  });
  return result;
}
