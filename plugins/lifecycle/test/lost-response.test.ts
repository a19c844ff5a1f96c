import { deploymentCounts, deploymentItems, expectDestroyed, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox } from './helpers.js';

/**
 * A creating call reaches AWS and is performed, but its answer is lost (the connection drops): the SDK sees a network
 * error and retries the call. The deploy must still end with exactly one of everything, and destroy must leave nothing.
 *
 * KNOWN BUG (packages/kit, reported): the SDK retries non-idempotent EC2 creates after a lost answer, so the first
 * resource stays behind — tagged for the deployment but never journaled, hence invisible to `gm destroy` (an orphan
 * Elastic IP or VPC that bills). CreateSubnet's retry fails with InvalidSubnet.Conflict instead and the deploy rolls
 * back. RunInstances is only affected on the emulator: AWS honours its ClientToken, moto does not. These cases are
 * `test.failing` until kit fixes them; Jest reports it when one starts to pass.
 */
const OPERATIONS: { service: string; operation: string; knownBug: boolean }[] = [
  { service: 'ec2', operation: 'CreateVpc', knownBug: true },
  { service: 'ec2', operation: 'CreateInternetGateway', knownBug: true },
  { service: 'ec2', operation: 'CreateSubnet', knownBug: true },
  { service: 'ec2', operation: 'CreateRouteTable', knownBug: true },
  { service: 'ec2', operation: 'CreateSecurityGroup', knownBug: false },
  { service: 'elasticfilesystem', operation: 'CreateFileSystem', knownBug: false },
  { service: 'elasticfilesystem', operation: 'CreateMountTarget', knownBug: false },
  { service: 'ssm', operation: 'PutParameter', knownBug: false },
  { service: 'iam', operation: 'CreateRole', knownBug: false },
  { service: 'iam', operation: 'CreateInstanceProfile', knownBug: false },
  { service: 'ec2', operation: 'AllocateAddress', knownBug: true },
  { service: 'ec2', operation: 'RunInstances', knownBug: true },
];

async function lostAnswer(service: string, operation: string): Promise<void> {
  const box = sandbox();
  await box.fault({ service, operation, afterForward: true, drop: true, count: 1 });
  const deployed = successEnvelope<{ status: string }>(await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait']));
  expect(deployed.result.status).toBe('deployed');
  const dropped = await box.control.calls({ accessKeyId: box.accessKeyId, operation });
  expect(dropped.filter((call) => call.faulted && call.status === 0)).toHaveLength(1);
  expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);
  await expectDestroyed(box, box.name);
}

describe.each(OPERATIONS.filter((op) => !op.knownBug))('the answer to $operation is lost', ({ service, operation }) => {
  test('the retry creates nothing twice; destroy leaves nothing', () => lostAnswer(service, operation), 120_000);
});

/** Whatever the deploy made of the lost answer, nothing may be left behind once it is destroyed (or rolled back). */
async function lostAnswerThenCleanup(service: string, operation: string): Promise<void> {
  const box = sandbox();
  await box.fault({ service, operation, afterForward: true, drop: true, count: 1 });
  const deployed = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait']);
  expect([0, 1]).toContain(deployed.exitCode);
  if (deployed.exitCode === 0) await expectDestroyed(box, box.name);
  expect(await deploymentItems(box, box.name)).toEqual([]);
}

describe.each(OPERATIONS.filter((op) => op.knownBug))('the answer to $operation is lost (known kit bug)', ({ service, operation }) => {
  test.failing('the retry creates nothing twice', () => lostAnswer(service, operation), 120_000);
  // Teardown sweeps by tag after each journaled deletion, so the duplicate the retry made is found and deleted.
  test('destroy (or the rollback) still leaves nothing behind', () => lostAnswerThenCleanup(service, operation), 120_000);
});
