import { backupAfterWrite, backupBeforeReplace } from './backup-policy.js';
import type { Backups } from './backups.js';
import { parseStateDocument, serializeStateDocument, validateStateText } from './document.js';
import { serialized } from './fs-private.js';
import type { StateDocument } from './types.js';

/** `2025-01-31T12-00-00-000Z`: sortable, and legal in file names and object keys everywhere. */
export function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * The state-document half of a store, the same whatever holds the bytes: parse on read, backups around every
 * replacement (backup-policy.ts), writes of one document serialized in this process. A backend supplies where the
 * document lives, how to read and store its text, and the lock check.
 */
export abstract class DocumentStore {
  abstract readonly backups: Backups;

  abstract readText(name: string): Promise<string | undefined>;
  /** Where the document lives, for messages (a path or an s3:// URL). */
  protected abstract documentUrl(name: string): string;
  /** Replaces the stored text whole (atomically: a reader sees the old or the new document, never a mix). */
  protected abstract storeText(name: string, text: string): Promise<void>;
  /** Throws the locked error when another process holds the deployment's lock. */
  protected abstract assertUnlocked(name: string): Promise<void>;

  async read(name: string): Promise<StateDocument | undefined> {
    const text = await this.readText(name);
    return text === undefined ? undefined : parseStateDocument(text, this.documentUrl(name), name);
  }

  async write(name: string, doc: StateDocument): Promise<void> {
    await this.replaceText(name, serializeStateDocument(doc, name), 'before a change of the state');
  }

  async restoreText(name: string, text: string, reason: string): Promise<void> {
    validateStateText(text, `the document to restore for "${name}"`, name);
    await this.replaceText(name, text, reason);
  }

  private async replaceText(name: string, text: string, reason: string): Promise<void> {
    // Serialized from the first await so that, of two concurrent writes, the later call is the one that remains.
    await serialized(this.documentUrl(name), async () => {
      await this.assertUnlocked(name);
      const current = await this.readText(name);
      await backupBeforeReplace(this.backups, name, current, text, reason);
      await this.storeText(name, text);
      await backupAfterWrite(this.backups, name, text, current);
    });
  }
}
