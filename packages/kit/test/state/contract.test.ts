import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createAwsContext, type S3Api } from '@geusemaker/kit/aws';
import { LocalStateStore, S3StateStore } from '@geusemaker/kit/state';
import { makeHome } from './helpers.js';
import { stateStoreContract } from './store-contract.js';

const FOREIGN_LOCK = { pid: 4242, host: 'elsewhere.example', operation: 'deploy', startedAt: '2026-01-01T00:00:00.000Z', id: 'foreign' };

stateStoreContract('LocalStateStore', async () => {
  const store = new LocalStateStore(await makeHome());
  const dir = (name: string): string => join(store.home, 'deployments', name);
  const plantLocal = async (name: string, info: Record<string, unknown>): Promise<void> => {
    await mkdir(dir(name), { recursive: true });
    await writeFile(join(dir(name), 'lock.json'), JSON.stringify(info));
  };
  return {
    store,
    plantForeignLock: async (name) => plantLocal(name, FOREIGN_LOCK),
    plantLock: async (name, info) => plantLocal(name, info),
    plantText: async (name, text) => {
      await mkdir(dir(name), { recursive: true });
      await writeFile(join(dir(name), 'state.json'), text);
    },
  };
});

stateStoreContract('S3StateStore (emulator S3)', async () => {
  const aws = await createAwsContext({ region: 'us-east-1', endpointUrl: process.env.GM_TEST_ENDPOINT, retryBaseDelayMs: 5 });
  const bucket = `gm-contract-${process.pid}`;
  await aws.s3.createBucket({ Bucket: bucket });
  const s3 = async (): Promise<S3Api> => aws.s3;
  const prefix = 'team/state';
  const put = (key: string, body: string) => aws.s3.putObject({ Bucket: bucket, Key: `${prefix}/${key}`, Body: body });
  return {
    store: new S3StateStore({ bucket, prefix }, s3),
    plantForeignLock: async (name) => void (await put(`deployments/${name}/lock.json`, JSON.stringify(FOREIGN_LOCK))),
    plantLock: async (name, info) => void (await put(`deployments/${name}/lock.json`, JSON.stringify(info))),
    plantText: async (name, text) => void (await put(`deployments/${name}/state.json`, text)),
  };
});
