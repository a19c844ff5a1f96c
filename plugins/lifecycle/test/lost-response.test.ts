import { deploymentCounts, expectDestroyed, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox } from './helpers.js';

/**
 * A creating call reaches AWS and is performed, but its answer is lost (the connection drops): the SDK sees a network
 * error and retries the call. The deploy must still end with exactly one of everything, and destroy must leave nothing.
 *
 * Creates without an idempotency token (CreateVpc, CreateInternetGateway, CreateSubnet, CreateRouteTable,
 * CreateSecurityGroup, AllocateAddress) and RunInstances (the emulator ignores its ClientToken) are not retried by the
 * SDK after a lost answer: the engine looks for the resource by tag, adopts it, or creates it once more.
 */
const OPERATIONS: { service: string; operation: string }[] = [
  { service: 'ec2', operation: 'CreateVpc' },
  { service: 'ec2', operation: 'CreateInternetGateway' },
  { service: 'ec2', operation: 'CreateSubnet' },
  { service: 'ec2', operation: 'CreateRouteTable' },
  { service: 'ec2', operation: 'CreateSecurityGroup' },
  { service: 'elasticfilesystem', operation: 'CreateFileSystem' },
  { service: 'elasticfilesystem', operation: 'CreateMountTarget' },
  { service: 'ssm', operation: 'PutParameter' },
  { service: 'iam', operation: 'CreateRole' },
  { service: 'iam', operation: 'CreateInstanceProfile' },
  { service: 'ec2', operation: 'AllocateAddress' },
  { service: 'ec2', operation: 'RunInstances' },
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

describe.each(OPERATIONS)('the answer to $operation is lost', ({ service, operation }) => {
  test('the retry creates nothing twice; destroy leaves nothing', () => lostAnswer(service, operation), 120_000);
});
