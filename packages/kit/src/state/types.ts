import type { Backups } from './backups.js';

/**
 * The state contract shared by every backend (the local one under GM_HOME now, an S3 one later). Commands and the
 * engine only ever see this interface, so a test or a team setup can swap the backend without touching them.
 */

/** A deployment's state document: any JSON object that says which format it is in and whose state it is. */
export interface StateDocument {
  /** Format version; readers refuse versions newer than they know (see STATE_SCHEMA_VERSION). */
  readonly schemaVersion: number;
  /** The deployment name; must equal the name it is stored under. */
  readonly name: string;
  readonly [field: string]: unknown;
}

/** One journal record. The engine defines the fields (step, phase, ids…); the store only requires a JSON object. */
export type JournalEntry = Readonly<Record<string, unknown>>;

export interface JournalReadResult {
  readonly entries: JournalEntry[];
  /**
   * Problems that were tolerated, in words for the user — today only a torn last line (an append cut short by a
   * crash, never acknowledged to its caller, so ignoring it loses nothing that was promised).
   */
  readonly warnings: string[];
}

/** Who holds a deployment's lock. */
export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  /** What the holder is doing: `deploy`, `destroy`, `resume`… */
  readonly operation: string;
  /** ISO-8601 time the lock was taken. */
  readonly startedAt: string;
  readonly gmVersion?: string;
  /** Random id of this particular acquisition, so a release never removes somebody else's lock. */
  readonly id: string;
}

export interface LockHandle {
  readonly name: string;
  readonly info: LockInfo;
  /** Set when this lock replaced a stale one (its holder's process had died on this host). */
  readonly tookOverFrom: LockInfo | undefined;
  /** Removes the lock if it is still ours. Calling it again, or after the deployment was removed, is harmless. */
  release(): Promise<void>;
}

export interface StateStore {
  /** Where this store keeps state, for messages: a directory, or `s3://bucket/prefix`. */
  readonly location: string;
  /** Backups of the state documents (automatic ones are taken by `write` and `restoreText`). */
  readonly backups: Backups;
  /** Names of the deployments this store knows, sorted. */
  list(): Promise<string[]>;
  /** The deployment's state document, or undefined when it has none. */
  read(name: string): Promise<StateDocument | undefined>;
  /** The state document's exact stored text (no parsing, no migration), or undefined when it has none. */
  readText(name: string): Promise<string | undefined>;
  /**
   * Replaces the state document atomically: a crash leaves either the old or the new document, never a mix. The
   * document it replaces is kept as a backup first (see backup-policy.ts).
   */
  write(name: string, doc: StateDocument): Promise<void>;
  /**
   * Writes `text` as the document exactly, byte for byte (restore, import), after checking it is a valid document
   * for `name` in a format this gm reads; what it replaces — even an unparsable file — is kept as a backup first.
   */
  restoreText(name: string, text: string, reason: string): Promise<void>;
  /** Deletes everything stored for the deployment. Returns false when there was nothing. */
  remove(name: string): Promise<boolean>;
  /** Moves everything stored for the deployment aside with a timestamp; returns where it went. */
  archive(name: string): Promise<string>;
  /**
   * Takes the deployment's lock or throws LockedError (exit 7) naming the holder. A lock left by a dead process
   * on this host is taken over. Mutations (write, appendJournal, remove, archive) refuse while another live
   * process holds the lock.
   */
  lock(name: string, operation: string): Promise<LockHandle>;
  /** The current lock holder, or undefined when the deployment is not locked. */
  readLock(name: string): Promise<LockInfo | undefined>;
  /** Removes the lock whoever holds it (`gm state unlock`); returns the holder it removed. */
  breakLock(name: string): Promise<LockInfo | undefined>;
  /** Appends one entry durably (flushed to disk before this resolves). */
  appendJournal(name: string, entry: JournalEntry): Promise<void>;
  /** Every entry in order; an empty result when there is no journal. */
  readJournal(name: string): Promise<JournalReadResult>;
}
