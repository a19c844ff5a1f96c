import { deploymentCounts, deploymentItems, errorEnvelope, expectDestroyed, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox } from './helpers.js';

/**
 * Every creating operation of the 15 tier-1 steps fails once with a non-retryable client error:
 * - by default the deploy rolls back (exit 1) and nothing of the deployment is left in AWS;
 * - with --no-rollback it keeps what exists (exit 6); `gm resume` then finishes with exactly one of everything, and
 *   `gm destroy` removes it all.
 */
interface StepFailure {
  service: string;
  operation: string;
  /** A client (4xx) error the SDK does not retry, as that service would send it. */
  errorCode: string;
  /** The inventory type the operation creates. */
  type: string;
}

const FAILURES: StepFailure[] = [
  { service: 'ec2', operation: 'CreateVpc', errorCode: 'InvalidParameterValue', type: 'vpc' },
  { service: 'ec2', operation: 'CreateInternetGateway', errorCode: 'InvalidParameterValue', type: 'internet-gateway' },
  { service: 'ec2', operation: 'CreateSubnet', errorCode: 'InvalidParameterValue', type: 'subnet' },
  { service: 'ec2', operation: 'CreateRouteTable', errorCode: 'InvalidParameterValue', type: 'route-table' },
  { service: 'ec2', operation: 'CreateSecurityGroup', errorCode: 'InvalidParameterValue', type: 'security-group' },
  { service: 'elasticfilesystem', operation: 'CreateFileSystem', errorCode: 'BadRequest', type: 'file-system' },
  { service: 'elasticfilesystem', operation: 'CreateMountTarget', errorCode: 'BadRequest', type: 'mount-target' },
  { service: 'ssm', operation: 'PutParameter', errorCode: 'ValidationException', type: 'parameter' },
  { service: 'iam', operation: 'CreateRole', errorCode: 'InvalidInput', type: 'role' },
  { service: 'iam', operation: 'CreateInstanceProfile', errorCode: 'InvalidInput', type: 'instance-profile' },
  { service: 'ec2', operation: 'AllocateAddress', errorCode: 'InvalidParameterValue', type: 'elastic-ip' },
  // Not a capacity error (those move on to the next placement) and not the IAM-propagation InvalidParameterValue.
  { service: 'ec2', operation: 'RunInstances', errorCode: 'InvalidParameterCombination', type: 'instance' },
];

const DEPLOY = ['deploy', 'tier1', '--yes', '--json', '--no-wait'];
const TIMEOUT_MS = 120_000;

describe.each(FAILURES)('$operation fails ($errorCode)', ({ service, operation, errorCode, type }) => {
  const message = `injected ${operation} failure`;

  test('deploy rolls back everything: exit 1, nothing left', async () => {
    const box = sandbox();
    await box.fault({ service, operation, errorCode, message, count: 1 });
    const run = await box.gm([...DEPLOY, '--name', box.name]);
    const { error } = errorEnvelope(run, 1);
    expect(error.message).toContain(`${errorCode}: ${message}`);
    expect(error.message).toContain('rolled back');
    expect(error.code).toBe('AWS_ERROR');
    const faulted = await box.control.calls({ accessKeyId: box.accessKeyId, operation });
    expect(faulted.filter((call) => call.faulted)).toHaveLength(1);
    expect(await deploymentItems(box, box.name)).toEqual([]);
  }, TIMEOUT_MS);

  test('--no-rollback keeps it (exit 6); resume completes with no duplicates; destroy removes all', async () => {
    const box = sandbox();
    await box.fault({ service, operation, errorCode, message, count: 1 });
    const run = await box.gm([...DEPLOY, '--name', box.name, '--no-rollback']);
    const { error } = errorEnvelope(run, 6);
    expect(error.code).toBe('DEPLOY_FAILED_KEPT');
    expect(error.message).toContain(`${errorCode}: ${message}`);
    expect(error.hint).toContain(`gm resume ${box.name}`);
    // What is kept is part of the plan, never more: the failed step's resource is missing, nothing is doubled.
    const kept = await deploymentCounts(box, box.name);
    expect(kept[type] ?? 0).toBeLessThan(TIER1_COUNTS[type] ?? 0);
    for (const [kind, count] of Object.entries(kept)) expect({ kind, count: Math.min(count, TIER1_COUNTS[kind] ?? 0) }).toEqual({ kind, count });
    await box.control.clearFaults(box.accessKeyId);

    const resumed = successEnvelope<{ status: string }>(await box.gm(['resume', box.name, '--json', '--no-wait']));
    expect(resumed.result.status).toBe('deployed');
    expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);

    await expectDestroyed(box, box.name);
  }, TIMEOUT_MS);
});
