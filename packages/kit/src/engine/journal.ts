import type { JournalEntry, StepRecord } from './journal-types.js';

/** Anything the engine can append journal entries to (the state store, or memory in tests). */
export interface JournalSink {
  append(entry: JournalEntry): Promise<void>;
}

/** Folds the journal, oldest first, into the latest known record of each step. Pure. */
export function replayJournal(entries: readonly JournalEntry[]): Map<string, StepRecord> {
  const records = new Map<string, StepRecord>();
  for (const entry of entries) {
    if (entry.type === 'run') continue;
    const record = records.get(entry.stepId) ?? { stepId: entry.stepId, phase: 'pending' as const, outputs: {} };
    records.set(entry.stepId, applyEntry(record, entry));
  }
  return records;
}

function applyEntry(record: StepRecord, entry: Exclude<JournalEntry, { type: 'run' }>): StepRecord {
  switch (entry.type) {
    case 'intent':
      // A new intent after a deletion starts the step's life over.
      return record.phase === 'deleted' ? { stepId: record.stepId, phase: 'intent', token: entry.token, outputs: {} } : { ...record, phase: record.ref ? record.phase : 'intent', token: entry.token };
    case 'created':
      return { ...record, phase: 'created', ref: entry.ref, outputs: { ...entry.outputs }, lastError: undefined };
    case 'reused':
      return { ...record, phase: 'reused', ref: entry.ref, outputs: { ...entry.outputs } };
    case 'ready':
      return { ...record, phase: record.phase === 'reused' ? 'reused' : 'ready', outputs: { ...record.outputs, ...entry.outputs } };
    case 'failed':
      return { ...record, lastError: { code: entry.code, message: entry.message } };
    case 'deleting':
      return { ...record, phase: 'deleting', ref: entry.ref };
    case 'deleted':
      return { stepId: record.stepId, phase: 'deleted', ref: entry.ref, outputs: {} };
  }
}

export function now(): string {
  return new Date().toISOString();
}

/** A sink that keeps entries in memory; used by tests and by dry runs. */
export class MemoryJournal implements JournalSink {
  readonly entries: JournalEntry[] = [];

  async append(entry: JournalEntry): Promise<void> {
    this.entries.push(entry);
  }
}
