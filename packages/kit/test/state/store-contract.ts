/**
 * The StateStore contract, as one suite run against every backend (contract.test.ts: LocalStateStore on a temp
 * directory, S3StateStore on the emulator's S3). Anything a command relies on belongs here, not in a backend test.
 */
import { hostname } from 'node:os';
import { AUTO_BACKUP_RETENTION, restoreCommand, STATE_SCHEMA_VERSION, type StateDocument, type StateStore } from '@geusemaker/kit/state';

export interface ContractSubject {
  store: StateStore;
  /** Makes the deployment look locked by a live gm on another host (so no takeover applies). */
  plantForeignLock(name: string): Promise<void>;
  /** Stores this lock object as the deployment's lock, as its holder would have. */
  plantLock(name: string, info: Record<string, unknown>): Promise<void>;
  /** Replaces the stored document's bytes directly (a crash, a bad edit, a newer gm). */
  plantText(name: string, text: string): Promise<void>;
}

let counter = 0;
const uniqueName = (): string => `c-${process.pid.toString(36)}-${(counter++).toString(36)}`;

function doc(name: string, fields: Record<string, unknown> = {}): StateDocument {
  return { schemaVersion: STATE_SCHEMA_VERSION, name, createdAt: '2026-01-02T03:04:05.000Z', ...fields };
}

function storedText(value: StateDocument): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; exitCode?: number; message: string; hint?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: { code?: string; exitCode?: number; message: string; hint?: string }) => error,
  );
}

export function stateStoreContract(label: string, subject: () => Promise<ContractSubject>): void {
  describe(`StateStore contract: ${label}`, () => {
    let s: ContractSubject;
    beforeAll(async () => {
      s = await subject();
    });

    it('writes, reads back, lists; readText is the exact stored text', async () => {
      const name = uniqueName();
      expect(await s.store.read(name)).toBeUndefined();
      await s.store.write(name, doc(name, { n: 1 }));
      expect(await s.store.read(name)).toEqual(doc(name, { n: 1 }));
      expect(await s.store.readText(name)).toBe(storedText(doc(name, { n: 1 })));
      expect(await s.store.list()).toContain(name);
    });

    it('journal: appends in order and reads them back', async () => {
      const name = uniqueName();
      for (let i = 1; i <= 5; i += 1) await s.store.appendJournal(name, { i });
      expect((await s.store.readJournal(name)).entries).toEqual([1, 2, 3, 4, 5].map((i) => ({ i })));
      expect(await s.store.list()).toContain(name);
    });

    it('every written version is backed up; only the newest automatic ones are kept; manual ones stay', async () => {
      const name = uniqueName();
      await s.store.write(name, doc(name, { n: 0 }));
      const manual = await s.store.backups.create(name, (await s.store.readText(name)) ?? '', 'manual', { reason: 'test', label: 'keep' });
      for (let n = 1; n <= AUTO_BACKUP_RETENTION + 5; n += 1) await s.store.write(name, doc(name, { n }));
      const backups = await s.store.backups.list(name);
      expect(backups.filter((b) => b.kind === 'auto')).toHaveLength(AUTO_BACKUP_RETENTION);
      expect(backups.filter((b) => b.kind === 'manual').map((b) => b.id)).toEqual([manual.id]);
      const newest = await s.store.backups.read(name, (await s.store.backups.latestId(name)) ?? '');
      expect(newest.content).toBe(await s.store.readText(name));
    });

    it('restoreText puts a backup back byte for byte and keeps what it replaced', async () => {
      const name = uniqueName();
      await s.store.write(name, doc(name, { n: 1 }));
      const saved = await s.store.backups.create(name, (await s.store.readText(name)) ?? '', 'manual', { reason: 'test' });
      await s.store.write(name, doc(name, { n: 2 }));
      const record = await s.store.backups.read(name, saved.id);
      await s.store.restoreText(name, record.content, 'test restore');
      expect(await s.store.readText(name)).toBe(record.content);
      expect((await s.store.backups.list(name)).some((b) => b.kind === 'auto' && b.bytes === Buffer.byteLength(storedText(doc(name, { n: 2 }))))).toBe(true);
    });

    it('a damaged file is reported (exit 3) with the exact restore command, never replaced by a read', async () => {
      const name = uniqueName();
      await s.store.write(name, doc(name));
      await s.plantText(name, '{"schemaVersion": 2, "na');
      const error = await errorOf(s.store.read(name));
      expect(error).toMatchObject({ code: 'STATE_CORRUPT', exitCode: 3 });
      expect(error.hint).toContain(restoreCommand(name));
      expect(await s.store.readText(name)).toBe('{"schemaVersion": 2, "na');
      const latest = await s.store.backups.read(name, (await s.store.backups.latestId(name)) ?? '');
      await s.store.restoreText(name, latest.content, 'test');
      expect(await s.store.read(name)).toEqual(doc(name));
      expect((await s.store.backups.list(name)).some((b) => b.bytes === Buffer.byteLength('{"schemaVersion": 2, "na'))).toBe(true);
    });

    it('a newer format is refused (exit 3) and left untouched; restoreText refuses it too', async () => {
      const name = uniqueName();
      const newer = JSON.stringify({ schemaVersion: STATE_SCHEMA_VERSION + 1, name });
      await s.plantText(name, newer);
      expect(await errorOf(s.store.read(name))).toMatchObject({ code: 'STATE_TOO_NEW', exitCode: 3 });
      expect(await errorOf(s.store.restoreText(name, newer, 'test'))).toMatchObject({ code: 'STATE_TOO_NEW', exitCode: 3 });
      expect(await s.store.readText(name)).toBe(newer);
    });

    it('an older format is migrated on read; the next write keeps the original as a migration backup', async () => {
      const name = uniqueName();
      const v1 = `${JSON.stringify({ schemaVersion: 1, name, createdAt: '2026-01-02T05:04:05+02:00' }, null, 2)}\n`;
      await s.plantText(name, v1);
      const migrated = await s.store.read(name);
      expect(migrated).toEqual({ schemaVersion: 2, name, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z' });
      expect(await s.store.backups.list(name)).toEqual([]); // a read never writes
      await s.store.write(name, migrated ?? doc(name));
      const kept = (await s.store.backups.list(name)).filter((b) => b.kind === 'migration');
      expect(kept).toHaveLength(1);
      expect((await s.store.backups.read(name, kept[0]?.id ?? '')).content).toBe(v1);
    });

    it('lock: a second lock is refused with exit 7 naming the holder; release frees it', async () => {
      const name = uniqueName();
      const held = await s.store.lock(name, 'deploy');
      expect(await s.store.readLock(name)).toMatchObject({ pid: process.pid, operation: 'deploy' });
      const error = await errorOf(s.store.lock(name, 'destroy'));
      expect(error).toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
      expect(error.message).toContain(`pid ${process.pid}`);
      await s.store.write(name, doc(name)); // the holder may mutate
      await held.release();
      expect(await s.store.readLock(name)).toBeUndefined();
      await (await s.store.lock(name, 'destroy')).release();
    });

    it('of 6 stores locking one deployment at once, exactly one wins; the others get exit 7', async () => {
      const name = uniqueName();
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => s.store.lock(name, 'deploy')));
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
      await (winners[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
    });

    it('a lock left by a dead process on this host is taken over, and the takeover says whose it was', async () => {
      const name = uniqueName();
      const dead = { pid: 4_194_000, host: hostname(), operation: 'deploy', startedAt: '2026-01-01T00:00:00.000Z', id: 'dead' };
      await s.plantLock(name, dead);
      const held = await s.store.lock(name, 'resume');
      expect(held.tookOverFrom).toMatchObject({ pid: dead.pid, id: 'dead' });
      await held.release();
    });

    it("another host's live lock blocks every mutation (exit 7) until breakLock, which returns the holder", async () => {
      const name = uniqueName();
      await s.store.write(name, doc(name));
      await s.plantForeignLock(name);
      for (const mutation of [s.store.write(name, doc(name, { n: 2 })), s.store.appendJournal(name, { a: 1 }), s.store.remove(name), s.store.lock(name, 'x')]) {
        expect(await errorOf(mutation)).toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
      }
      expect(await s.store.breakLock(name)).toMatchObject({ host: 'elsewhere.example', pid: 4242 });
      await s.store.write(name, doc(name, { n: 2 }));
      expect(await s.store.read(name)).toEqual(doc(name, { n: 2 }));
    });

    it('archive moves a deployment out of the list; remove deletes it; backups outlive both', async () => {
      const archived = uniqueName();
      const removed = uniqueName();
      for (const name of [archived, removed]) {
        await s.store.write(name, doc(name));
        await s.store.appendJournal(name, { step: 1 });
      }
      expect(await s.store.archive(archived)).toContain(archived);
      expect(await s.store.remove(removed)).toBe(true);
      expect(await s.store.remove(removed)).toBe(false);
      const names = await s.store.list();
      expect(names).not.toContain(archived);
      expect(names).not.toContain(removed);
      expect(await s.store.read(archived)).toBeUndefined();
      expect((await s.store.backups.list(archived)).length).toBeGreaterThan(0);
    });

    it('backups: a damaged one is refused on read; delete removes exactly one', async () => {
      const name = uniqueName();
      await s.store.write(name, doc(name));
      const one = await s.store.backups.create(name, 'x', 'manual', { reason: 'test' });
      await s.store.backups.delete(name, one.id);
      expect((await s.store.backups.list(name)).map((b) => b.id)).not.toContain(one.id);
      expect(await errorOf(s.store.backups.read(name, one.id))).toMatchObject({ code: 'STATE_BACKUP_NOT_FOUND' });
    });
  });
}
