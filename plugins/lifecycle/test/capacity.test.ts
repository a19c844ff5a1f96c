import { deploymentCounts, deploymentItems, errorEnvelope, expectDestroyed, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox, type Sandbox } from './helpers.js';

/**
 * One allowed instance type keeps the launch order short: spot in the two subnets' AZs, then (with --market auto)
 * on-demand in the same two. Capacity errors (InsufficientInstanceCapacity, HTTP 500, never retried by the SDK) move
 * the launch to the next placement; when none is left the deploy fails with exit 5 and rolls back.
 */
interface Placement {
  availabilityZone: string;
  instanceType: string;
  market: 'spot' | 'on-demand';
}

interface DeployResult {
  status: string;
  plan: { placements: Placement[]; cost: { market: string; hourly: number } };
}

interface InspectResult {
  instance: Placement | null;
  cost: { instanceType: string; market: string; hourly: number; monthly: number } | null;
}

const TYPE = 't3.large';
const TIMEOUT_MS = 120_000;

function deploy(box: Sandbox, market: 'auto' | 'spot') {
  return box.gm(['deploy', 'tier1', '--name', box.name, '--instance-type', TYPE, '--market', market, '--yes', '--json', '--no-wait']);
}

async function noCapacity(box: Sandbox, count?: number): Promise<void> {
  await box.fault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InsufficientInstanceCapacity', httpStatus: 500, ...(count === undefined ? {} : { count }) });
}

async function runInstancesCalls(box: Sandbox): Promise<{ faulted: boolean; errorCode?: string }[]> {
  return box.control.calls({ accessKeyId: box.accessKeyId, service: 'ec2', operation: 'RunInstances' });
}

async function inspect(box: Sandbox): Promise<InspectResult> {
  return successEnvelope<InspectResult>(await box.gm(['inspect', box.name, '--json'])).result;
}

test('the launch order is spot in two AZs, then on-demand in the same two', async () => {
  const box = sandbox();
  const deployed = successEnvelope<DeployResult>(await deploy(box, 'auto'));
  const { placements } = deployed.result.plan;
  const [first, second] = placements;
  expect(placements.map((p) => [p.instanceType, p.market])).toEqual([[TYPE, 'spot'], [TYPE, 'spot'], [TYPE, 'on-demand'], [TYPE, 'on-demand']]);
  expect(first?.availabilityZone).not.toBe(second?.availabilityZone);
  expect(placements.slice(2).map((p) => p.availabilityZone)).toEqual([first?.availabilityZone, second?.availabilityZone]);
  expect(deployed.warnings).toEqual([]);
  expect((await inspect(box)).instance).toEqual(first);
  await expectDestroyed(box, box.name);
}, TIMEOUT_MS);

test('no spot capacity in the first AZ: the instance is spot in the other AZ, with a warning', async () => {
  const box = sandbox();
  await noCapacity(box, 1);
  const deployed = successEnvelope<DeployResult>(await deploy(box, 'auto'));
  const [first, second] = deployed.result.plan.placements;
  expect(await runInstancesCalls(box)).toMatchObject([{ faulted: true, errorCode: 'InsufficientInstanceCapacity' }, { faulted: false }]);
  expect(deployed.warnings).toEqual([expect.stringContaining(`No capacity for ${TYPE} spot in ${first?.availabilityZone}`)]);
  const inspected = await inspect(box);
  expect(inspected.instance).toEqual(second);
  expect(inspected.cost).toMatchObject({ instanceType: TYPE, market: 'spot' });
  expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);
  await expectDestroyed(box, box.name);
}, TIMEOUT_MS);

test('no spot capacity at all (--market auto): on-demand, warned, and recorded at the on-demand price', async () => {
  const box = sandbox();
  await noCapacity(box, 2);
  const deployed = successEnvelope<DeployResult>(await deploy(box, 'auto'));
  const [first, second, third] = deployed.result.plan.placements;
  expect(third).toMatchObject({ market: 'on-demand', availabilityZone: first?.availabilityZone });
  expect((await runInstancesCalls(box)).map((call) => call.faulted)).toEqual([true, true, false]);
  expect(deployed.warnings).toEqual(
    expect.arrayContaining([
      expect.stringContaining(`No capacity for ${TYPE} spot in ${first?.availabilityZone}`),
      expect.stringContaining(`No capacity for ${TYPE} spot in ${second?.availabilityZone}`),
    ]),
  );
  expect(deployed.warnings.some((warning) => /on-demand/.test(warning) && /instead of/.test(warning))).toBe(true);
  const inspected = await inspect(box);
  expect(inspected.instance).toEqual(third);
  expect(inspected.cost).toMatchObject({ instanceType: TYPE, market: 'on-demand' });
  // The plan was priced for spot; what runs now costs the on-demand rate.
  expect(inspected.cost?.hourly).toBeGreaterThan(deployed.result.plan.cost.hourly);
  expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);
  await expectDestroyed(box, box.name);
}, TIMEOUT_MS);

test('no spot capacity with --market spot: exit 5, never on-demand, everything rolled back', async () => {
  const box = sandbox();
  await noCapacity(box);
  const { error } = errorEnvelope(await deploy(box, 'spot'), 5);
  expect(error.code).toBe('NO_CAPACITY');
  expect(error.message).toContain('InsufficientInstanceCapacity');
  expect(error.message).toContain('rolled back');
  expect(error.hint).toContain('--market on-demand');
  expect((await runInstancesCalls(box)).map((call) => call.faulted)).toEqual([true, true]);
  expect(await deploymentItems(box, box.name)).toEqual([]);
}, TIMEOUT_MS);
