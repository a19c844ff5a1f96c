/**
 * Lost state, recovered from tags: deploy tier 1 (--no-wait) against the emulator, delete GM_HOME entirely, run
 * `gm state adopt NAME`, then `gm destroy NAME` must leave nothing tagged for the deployment (EFS mount targets,
 * which carry no tags, are checked through their file system).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import { deploymentInventory } from '@geusemaker/kit/resources';
import { runGm, type RunGmResult } from '@geusemaker/testkit';
import { envelope } from './helpers.js';

const unique = `${process.pid.toString(36)}${Math.floor(Math.random() * 46656).toString(36)}`;
const name = `adopt-${unique}`;
const accessKeyId = `AKIAGMADOPT${unique.toUpperCase()}`;

async function leftovers(aws: AwsContext): Promise<string[]> {
  const items = await deploymentInventory(aws, name);
  const fileSystems = items.filter((item) => item.type === 'file-system');
  const mountTargets = (await Promise.all(fileSystems.map((fs) => aws.efs.describeMountTargets({ FileSystemId: fs.id })))).flat();
  const live = mountTargets.filter((mt) => mt.LifeCycleState !== 'deleted' && mt.LifeCycleState !== 'deleting');
  return [...items.map((item) => `${item.type} ${item.id}`), ...live.map((mt) => `mount-target ${mt.MountTargetId ?? ''}`)];
}

test('after GM_HOME is deleted, `gm state adopt` recovers a deployment so that `gm destroy` leaves nothing tagged', async () => {
  const home = mkdtempSync(join(tmpdir(), 'gm-adopt-'));
  const gm = (args: string[]): Promise<RunGmResult> => runGm(args, { home, env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' }, timeoutMs: 240_000 });
  const aws = await createAwsContext({ endpointUrl: process.env.GM_TEST_ENDPOINT, region: 'us-east-1', retryBaseDelayMs: 5 });
  try {
    envelope(await gm(['deploy', 'tier1', '--name', name, '--yes', '--no-wait', '--json']), 0);
    const deployed = await leftovers(aws);
    expect(deployed.length).toBeGreaterThan(10);

    rmSync(home, { recursive: true, force: true });
    expect(envelope(await gm(['inspect', name, '--json']), 3).error?.code).toBe('DEPLOYMENT_NOT_FOUND');

    const adopted = envelope(await gm(['state', 'adopt', name, '--json']), 0).result as { adopted: { name: string; resources: { kind: string; id: string }[] }[] };
    expect(adopted.adopted.map((d) => d.name)).toEqual([name]);
    const kinds = adopted.adopted[0]?.resources.map((r) => r.kind).sort();
    expect(kinds).toEqual(['efs-file-system', 'efs-mount-target', 'efs-mount-target', 'elastic-ip', 'iam-role', 'instance', 'instance-profile', 'internet-gateway', 'route-table', 'security-group', 'security-group', 'ssm-secrets', 'subnet', 'subnet', 'vpc']);
    const inspect = envelope(await gm(['inspect', name, '--json']), 0).result as { resources: { phase: string; reused: boolean }[] };
    expect(inspect.resources.every((r) => r.phase === 'created' && !r.reused)).toBe(true);
    envelope(await gm(['state', 'verify', name, '--json']), 0);
    expect(envelope(await gm(['state', 'adopt', name, '--json']), 0).result).toMatchObject({ adopted: [], skipped: [{ name }] });

    envelope(await gm(['destroy', name, '--yes', '--json']), 0);
    expect(await leftovers(aws)).toEqual([]);
  } finally {
    aws.destroy();
  }
}, 240_000);
