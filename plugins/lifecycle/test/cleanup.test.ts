import { rmSync } from 'node:fs';
import { TAG } from '@geusemaker/kit/resources';
import { deploymentItems, errorEnvelope, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox, type Sandbox } from './helpers.js';

interface Orphan {
  deployment: string;
  region: string;
  kind: string;
  id: string;
  ageHours: number | null;
  hourlyUsd: number | null;
}

interface CleanupEnvelopeResult {
  dryRun: boolean;
  liveDeployments: string[];
  orphans: Orphan[];
  deleted: Orphan[];
  skipped: (Orphan & { reason: string })[];
}

const ids = (items: readonly { id: string }[]): string[] => items.map((item) => item.id).sort();
const TIER1_TOTAL = Object.values(TIER1_COUNTS).reduce((sum, count) => sum + count, 0);

/**
 * A deployment whose GM_HOME is gone (A) is an orphan; one live in the state store the cleanup runs with (B) is not.
 * The emulator is shared with other test files that deploy too, so every assertion is restricted to A and B by name,
 * and the deleting run is restricted to A with --deployment.
 */
describe('gm cleanup, against the emulator', () => {
  let a: Sandbox;
  let b: Sandbox;
  let untaggedVpcId: string;
  let aItems: { type: string; id: string }[];

  beforeAll(async () => {
    a = sandbox();
    b = sandbox();
    const [deployA, deployB] = await Promise.all([
      a.gm(['deploy', 'tier1', '--name', a.name, '--yes', '--no-wait', '--json']),
      b.gm(['deploy', 'tier1', '--name', b.name, '--yes', '--no-wait', '--json']),
    ]);
    successEnvelope(deployA);
    successEnvelope(deployB);
    const aws = await a.aws();
    const { Vpc } = await aws.ec2.createVpc({ CidrBlock: '10.77.0.0/16' });
    untaggedVpcId = Vpc?.VpcId ?? '';
    aItems = await deploymentItems(a, a.name);
    expect(aItems).toHaveLength(TIER1_TOTAL);
    // A's local state is lost: its resources are now orphans that only their tags identify.
    rmSync(a.home, { recursive: true, force: true });
  }, 300_000);

  afterAll(async () => {
    const aws = await a.aws();
    await aws.ec2.deleteVpc({ VpcId: untaggedVpcId }).catch(() => undefined);
    await b.gm(['destroy', b.name, '--yes', '--json']);
  }, 240_000);

  it('--dry-run lists exactly the orphaned deployment’s resources, with age and cost, and none of the live one', async () => {
    const run = await b.gm(['cleanup', '--dry-run', '--json']);
    const { result } = successEnvelope<CleanupEnvelopeResult>(run);
    expect(result.dryRun).toBe(true);
    const ofA = result.orphans.filter((orphan) => orphan.deployment === a.name);
    expect(ids(ofA)).toEqual(ids(aItems));
    expect(result.orphans.filter((orphan) => orphan.deployment === b.name)).toEqual([]);
    expect(result.orphans.map((orphan) => orphan.id)).not.toContain(untaggedVpcId);
    expect(result.liveDeployments).toContain(b.name);
    const instance = ofA.find((orphan) => orphan.kind === 'instance');
    expect(instance?.ageHours).toEqual(expect.any(Number));
    expect(instance?.hourlyUsd).toBeGreaterThan(0);
    expect(ofA.find((orphan) => orphan.kind === 'elastic-ip')?.hourlyUsd).toBe(0.005);
    expect(ofA.find((orphan) => orphan.kind === 'efs-file-system')?.hourlyUsd).toBeNull();
    expect(await deploymentItems(a, a.name)).toHaveLength(TIER1_TOTAL);
  });

  it('without --yes and without a TTY it refuses (exit 2) and deletes nothing', async () => {
    const run = await b.gm(['cleanup', '--deployment', a.name, '--json']);
    expect(errorEnvelope(run, 2).error.message).toBeTruthy();
    expect(run.stdout + run.stderr).toContain('--yes');
    expect(await deploymentItems(a, a.name)).toHaveLength(TIER1_TOTAL);
  });

  it('--yes deletes the orphans: nothing tagged with A is left; B and the untagged VPC are untouched', async () => {
    const bBefore = ids(await deploymentItems(b, b.name));
    expect(bBefore).toHaveLength(TIER1_TOTAL);
    const run = await b.gm(['cleanup', '--yes', '--json', '--deployment', a.name]);
    const { result } = successEnvelope<CleanupEnvelopeResult>(run);
    expect(ids(result.deleted)).toEqual(ids(aItems));
    expect(result.skipped).toEqual([]);
    expect(result.deleted.every((item) => item.deployment === a.name)).toBe(true);
    expect(await deploymentItems(a, a.name)).toEqual([]);
    expect(ids(await deploymentItems(b, b.name))).toEqual(bBefore);
    const aws = await a.aws();
    const [vpc] = await aws.ec2.listVpcs({ VpcIds: [untaggedVpcId] });
    expect(vpc?.VpcId).toBe(untaggedVpcId);
    expect(vpc?.Tags?.some((tag) => tag.Key === TAG.managedBy) ?? false).toBe(false);
  }, 240_000);

  it('a second run finds nothing left of A', async () => {
    const run = await b.gm(['cleanup', '--dry-run', '--json', '--deployment', a.name]);
    expect(successEnvelope<CleanupEnvelopeResult>(run).result.orphans).toEqual([]);
  });
});
