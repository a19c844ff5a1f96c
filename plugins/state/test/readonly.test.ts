/**
 * Read-only commands never create or evict backups: 100 rounds of what `gm state backups/verify/export`, `gm
 * inspect` and `gm list` do (their services, in-process to keep it fast) leave the backups exactly as they were —
 * the manual one included — while a single write adds one.
 */
import { readDeployment, readStepRecords } from '@geusemaker/kit/deployment';
import { LocalStateStore } from '@geusemaker/kit/state';
import { listBackups } from '../src/services/backups.js';
import { exportDeployments } from '../src/services/transfer.js';
import { verifyState } from '../src/services/verify.js';
import { newHome } from './helpers.js';

test('100 rounds of read-only commands evict no manual backup and create none', async () => {
  const h = newHome();
  h.plantLegacy();
  const store = new LocalStateStore(h.home);
  const manual = await store.backups.create('legacy', h.readState('legacy'), 'manual', { reason: 'test', label: 'keep-me' });
  const before = (await store.backups.list('legacy')).map((b) => b.id);
  for (let round = 0; round < 100; round += 1) {
    await listBackups(store, undefined);
    await verifyState(store, undefined);
    await exportDeployments(store, 'legacy');
    await readDeployment(store, 'legacy');
    await readStepRecords(store, 'legacy');
    await store.list();
    await store.readLock('legacy');
  }
  expect((await store.backups.list('legacy')).map((b) => b.id)).toEqual(before);
  expect(before).toEqual([manual.id]);

  const state = await readDeployment(store, 'legacy');
  await store.write('legacy', { ...state, status: 'failed' });
  const after = await store.backups.list('legacy');
  expect(after.map((b) => b.kind).sort()).toEqual(['auto', 'manual', 'migration']);
});
