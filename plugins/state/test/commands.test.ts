/**
 * `gm state …` as a user runs it (the built gm, subprocesses), on the local store: migration of a v1 file, a newer
 * file refused, a corrupt file reported by `gm inspect` and brought back by `gm state restore --latest`, backup →
 * restore byte for byte, export → import, unlock without a terminal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelope, newHome } from './helpers.js';

describe('gm state on the local store', () => {
  it('a v1 state file (the fixture) passes `gm state verify` and reads as v2; reads never rewrite it', async () => {
    const h = newHome();
    h.plantLegacy();
    const original = h.readState('legacy');
    const verify = envelope(await h.gm(['state', 'verify', '--json']), 0);
    expect(verify.result).toMatchObject({ ok: true, deployments: [{ name: 'legacy', ok: true, schemaVersion: 1, journalEntries: 7 }] });
    expect(verify.warnings?.join()).toContain('migrates to 2');
    const inspect = envelope(await h.gm(['inspect', 'legacy', '--json']), 0);
    expect(inspect.result).toMatchObject({ deployment: { name: 'legacy', createdAt: '2025-06-01T12:30:00.000Z', updatedAt: '2025-06-01T12:30:00.000Z' } });
    expect(h.readState('legacy')).toBe(original); // reads never rewrite

    const backup = envelope(await h.gm(['state', 'backup', 'legacy', '--label', 'pre', '--json']), 0);
    const listed = envelope(await h.gm(['state', 'backups', '--json']), 0).result?.backups as { kind: string; label?: string }[];
    expect(listed).toEqual([expect.objectContaining({ kind: 'manual', label: 'pre' })]); // the reads above made none
    expect(backup.result).toMatchObject({ kind: 'manual', label: 'pre' });
  });

  it('a file from a newer gm is refused with exit 3 by inspect and verify, and left untouched', async () => {
    const h = newHome();
    const newer = `${JSON.stringify({ schemaVersion: 99, name: 'future' })}\n`;
    h.writeState('future', newer);
    const inspect = envelope(await h.gm(['inspect', 'future', '--json']), 3);
    expect(inspect.error).toMatchObject({ code: 'STATE_TOO_NEW' });
    expect(inspect.error?.message).toContain('newer gm');
    envelope(await h.gm(['state', 'verify', '--json']), 3);
    expect(h.readState('future')).toBe(newer);
  });

  it('a corrupt file: `gm inspect` exits 3 with the restore command; `gm state restore --latest` brings it back byte for byte', async () => {
    const h = newHome();
    h.plantLegacy();
    envelope(await h.gm(['state', 'backup', 'legacy', '--json']), 0);
    const good = h.readState('legacy');
    h.writeState('legacy', good.slice(0, 40)); // a torn write from a crashed editor
    const inspect = envelope(await h.gm(['inspect', 'legacy', '--json']), 3);
    expect(inspect.error).toMatchObject({ code: 'STATE_CORRUPT' });
    expect(inspect.error?.hint).toContain('gm state restore legacy --latest');
    const text = await h.gm(['inspect', 'legacy']);
    expect(text.exitCode).toBe(3);
    expect(text.stderr).toContain('gm state restore legacy --latest');

    envelope(await h.gm(['state', 'restore', 'legacy', '--latest', '--json']), 0);
    expect(h.readState('legacy')).toBe(good);
    envelope(await h.gm(['inspect', 'legacy', '--json']), 0);
    const backups = envelope(await h.gm(['state', 'backups', 'legacy', '--json']), 0).result?.backups as { bytes: number }[];
    expect(backups.some((b) => b.bytes === 40)).toBe(true); // the damaged file was kept, not thrown away
  });

  it('backup → change → restore --backup ID is byte-identical; a damaged backup is refused', async () => {
    const h = newHome();
    h.plantLegacy();
    const backup = envelope(await h.gm(['state', 'backup', 'legacy', '--json']), 0).result as { id: string; sha256: string };
    const before = h.readState('legacy');
    h.writeState('legacy', before.replace('"deployed"', '"failed"'));
    envelope(await h.gm(['state', 'restore', 'legacy', '--backup', backup.id, '--json']), 0);
    expect(h.readState('legacy')).toBe(before);

    const file = join(h.home, 'backups', 'legacy', `${backup.id}.json`);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { content: string };
    writeFileSync(file, JSON.stringify({ ...record, content: record.content.replace('vpc-0abc', 'vpc-0abd') }));
    const damaged = envelope(await h.gm(['state', 'restore', 'legacy', '--backup', backup.id, '--json']), 3);
    expect(damaged.error?.code).toBe('STATE_BACKUP_CORRUPT');
    const verified = envelope(await h.gm(['state', 'verify', 'legacy', '--json']), 3);
    expect(JSON.stringify(verified.error)).toContain(backup.id); // verify names the damaged backup
    envelope(await h.gm(['state', 'restore', 'legacy', '--json']), 2); // neither --latest nor --backup
    envelope(await h.gm(['state', 'delete-backup', 'legacy', backup.id, '--json']), 0);
    expect(envelope(await h.gm(['state', 'restore', 'legacy', '--backup', backup.id, '--json']), 3).error?.code).toBe('STATE_BACKUP_NOT_FOUND');
  });

  it('export → import into an empty home gives the same state and journal; import refuses to overwrite without --force', async () => {
    const source = newHome();
    source.plantLegacy();
    const file = await exportTo(source, 'legacy');
    const target = newHome();
    envelope(await target.gm(['state', 'import', file, '--json']), 0);
    const state = (name: string, h: typeof source) => JSON.parse(h.readState(name)) as unknown;
    expect(state('legacy', target)).toEqual(state('legacy', source));
    expect(readFileSync(join(target.home, 'deployments/legacy/journal.jsonl'), 'utf8')).toBe(readFileSync(join(source.home, 'deployments/legacy/journal.jsonl'), 'utf8'));
    expect(envelope(await target.gm(['state', 'import', file, '--json']), 3).error?.code).toBe('STATE_EXISTS');

    const yaml = envelope(await source.gm(['state', 'export', 'legacy', '--format', 'yaml']).then((run) => ({ ...run, json: {} })), 0);
    expect(yaml).toBeDefined();
    const edited = readFileSync(file, 'utf8').replace('vpc-0abc', 'vpc-0abd');
    writeFileSync(file, edited);
    expect(envelope(await newHome().gm(['state', 'import', file, '--json']), 3).error?.code).toBe('STATE_IMPORT_INVALID');
  });

  it('unlock: no terminal and no --yes is exit 2 (lock kept); --yes removes it and names the holder', async () => {
    const h = newHome();
    h.plantLegacy();
    const holder = { pid: 4242, host: 'build-agent-7', operation: 'deploy', startedAt: '2026-01-01T00:00:00.000Z', id: 'x' };
    envelope(await h.gm(['state', 'backup', 'legacy', '--json']), 0);
    writeFileSync(join(h.home, 'deployments/legacy/lock.json'), JSON.stringify(holder));
    const restore = envelope(await h.gm(['state', 'restore', 'legacy', '--latest', '--json']), 7);
    expect(restore.error?.message).toContain('pid 4242 on build-agent-7');
    const refused = await h.gm(['state', 'unlock', 'legacy']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('build-agent-7');
    expect(refused.stderr).toContain('--yes');
    const unlocked = envelope(await h.gm(['state', 'unlock', 'legacy', '--yes', '--json']), 0);
    expect(unlocked.result).toMatchObject({ removed: true, holder: { pid: 4242, host: 'build-agent-7' } });
    expect(envelope(await h.gm(['state', 'unlock', 'legacy', '--json']), 0).result).toMatchObject({ removed: false });
  });
});

async function exportTo(h: ReturnType<typeof newHome>, name: string): Promise<string> {
  const run = await h.gm(['state', 'export', name]);
  expect(run.exitCode).toBe(0);
  const file = join(h.home, `${name}-export.json`);
  writeFileSync(file, run.stdout);
  return file;
}
