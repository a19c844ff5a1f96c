import type { FaultSpec } from '@geusemaker/testkit';
import { deploymentCounts, expectDestroyed, successEnvelope, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox } from './helpers.js';

/**
 * Every call of every service gm uses is throttled one time in five (seeded), each service with its own error code
 * as AWS sends it. The SDK's retries absorb it: the deploy succeeds with exactly one of everything (a throttled
 * create never reached AWS, so its retry must not duplicate anything), and destroy — still throttled — leaves nothing.
 */
const THROTTLES: Pick<FaultSpec, 'service' | 'errorCode' | 'seed'>[] = [
  { service: 'ec2', errorCode: 'RequestLimitExceeded', seed: 1000 },
  { service: 'iam', errorCode: 'Throttling', seed: 1001 },
  // gm makes one STS call (preflight): this seed throttles its first attempt, not the retry.
  { service: 'sts', errorCode: 'Throttling', seed: 1004 },
  { service: 'elasticfilesystem', errorCode: 'ThrottlingException', seed: 1003 },
  // gm makes few SSM calls (one PutParameter writes every secret): this seed throttles the first of them, not its retry.
  { service: 'ssm', errorCode: 'ThrottlingException', seed: 1014 },
];

const PROBABILITY = 0.2;

test('deploy and destroy succeed with no duplicates while every service throttles 20% of calls', async () => {
  const box = sandbox();
  for (const throttle of THROTTLES) await box.fault({ ...throttle, operation: '*', probability: PROBABILITY });

  const deployed = successEnvelope<{ status: string }>(await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait']));
  expect(deployed.result.status).toBe('deployed');
  expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);

  await expectDestroyed(box, box.name);

  const calls = await box.control.calls({ accessKeyId: box.accessKeyId });
  for (const { service, errorCode } of THROTTLES) {
    const throttled = calls.filter((call) => call.service === service && call.faulted);
    // Every service was really throttled, and only ever with its own code.
    expect({ service, throttled: throttled.length > 0 }).toEqual({ service, throttled: true });
    expect(new Set(throttled.map((call) => call.errorCode))).toEqual(new Set([errorCode]));
  }
}, 90_000);
