import { deploymentCounts, deploymentItems, expectDestroyed, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox } from './helpers.js';
import { adoptedSteps, deployAndKillAtHeldCall, leftoverLock, runAndKillAtHeldCall, type CrashSpec } from './kill-gm.js';

/**
 * gm is SIGKILLed while a creating call is in flight: the journal has the step's intent but not its id, and AWS creates
 * the resource anyway (the held call is released after the kill). `gm resume` must adopt it by tag instead of
 * creating a second one; `gm destroy` must find it by tag and delete it. The dead gm's lock must not block either.
 *
 * Tests in this file run one at a time: `release()` lets every held call of the emulator go.
 */

/** `steps`: the plan steps whose create call it is (the held one must be adopted on resume). */
const OPERATIONS: (Pick<CrashSpec, 'service' | 'operation'> & { steps: RegExp })[] = [
  { service: 'ec2', operation: 'CreateVpc', steps: /^vpc$/ },
  { service: 'ec2', operation: 'CreateInternetGateway', steps: /^internet-gateway$/ },
  { service: 'ec2', operation: 'CreateSubnet', steps: /^subnet-[12]$/ },
  { service: 'ec2', operation: 'CreateRouteTable', steps: /^route-table$/ },
  { service: 'ec2', operation: 'CreateSecurityGroup', steps: /^sg-(instance|efs)$/ },
  { service: 'elasticfilesystem', operation: 'CreateFileSystem', steps: /^efs$/ },
  { service: 'elasticfilesystem', operation: 'CreateMountTarget', steps: /^mount-target-[12]$/ },
  { service: 'ssm', operation: 'PutParameter', steps: /^secrets$/ },
  { service: 'iam', operation: 'CreateRole', steps: /^iam-role$/ },
  { service: 'iam', operation: 'CreateInstanceProfile', steps: /^instance-profile$/ },
  { service: 'ec2', operation: 'AllocateAddress', steps: /^elastic-ip$/ },
  { service: 'ec2', operation: 'RunInstances', steps: /^instance$/ },
];

/**
 * `held`: the call waits at the proxy and reaches moto after the kill. `answer dropped`: moto performs it and the proxy
 * drops the connection instead of answering. Once gm is dead both leave the same thing behind, so the second variant
 * runs only for five operations (EC2, EFS, IAM, SSM) to keep the file short.
 */
const DROPPED_TOO = new Set(['CreateSubnet', 'CreateFileSystem', 'CreateRole', 'PutParameter', 'RunInstances']);

const CASES = OPERATIONS.flatMap(({ steps, ...operation }) => [
  { ...operation, steps, variant: 'held', crash: operation },
  ...(DROPPED_TOO.has(operation.operation) ? [{ ...operation, steps, variant: 'performed, answer dropped', crash: { ...operation, afterForward: true, drop: true } }] : []),
]);

const TIMEOUT_MS = 120_000;

describe.each(CASES)('SIGKILL during $operation ($variant)', ({ crash, steps }) => {
  test('resume adopts what the crash left: exactly one of everything', async () => {
    const box = sandbox();
    expect(await deployAndKillAtHeldCall(box, crash)).toBeGreaterThan(0);
    expect(leftoverLock(box, box.name)).toMatchObject({ operation: 'deploy' });

    const resumed = successEnvelope<{ status: string }>(await box.gm(['resume', box.name, '--yes', '--json', '--no-wait']));
    expect(resumed.result.status).toBe('deployed');
    expect(adoptedSteps(box, box.name).filter((step) => steps.test(step)).length).toBeGreaterThan(0);
    expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);
    expect(leftoverLock(box, box.name)).toBeUndefined();

    await expectDestroyed(box, box.name);
  }, TIMEOUT_MS);

  test('destroy after the crash leaves nothing', async () => {
    const box = sandbox();
    expect(await deployAndKillAtHeldCall(box, crash)).toBeGreaterThan(0);
    expect(leftoverLock(box, box.name)).toMatchObject({ operation: 'deploy' });
    expect((await deploymentItems(box, box.name)).length).toBeGreaterThan(0);

    await expectDestroyed(box, box.name);
  }, TIMEOUT_MS);
});

/** A destroy killed mid-deletion (the held delete is performed after the kill): running destroy again finishes the job. */
const DELETIONS: Pick<CrashSpec, 'service' | 'operation'>[] = [
  { service: 'ec2', operation: 'TerminateInstances' },
  { service: 'elasticfilesystem', operation: 'DeleteMountTarget' },
  { service: 'iam', operation: 'DeleteRole' },
  { service: 'ec2', operation: 'DeleteVpc' },
];

test.each(DELETIONS)('SIGKILL during destroy at $operation: destroy again leaves nothing', async (crash) => {
  const box = sandbox();
  successEnvelope(await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait']));
  expect(await runAndKillAtHeldCall(box, ['destroy', box.name, '--yes', '--json'], crash)).toBeGreaterThan(0);
  expect(leftoverLock(box, box.name)).toMatchObject({ operation: 'destroy' });
  await expectDestroyed(box, box.name);
}, TIMEOUT_MS);
