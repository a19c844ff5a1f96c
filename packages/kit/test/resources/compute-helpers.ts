import { randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
// Relative imports: the compute kinds are not a package entry point, and one module graph keeps types and
// `instanceof` consistent. The testkit is not a dependency of kit (it depends on kit), hence its source path.
import { TestkitControl } from '../../../testkit/src/control-client.js';
import { createAwsContext, type AwsContext } from '../../src/aws/index.js';
import type { Created, DeploymentIdentity, ResourceContext, StepMeta } from '../../src/resources/index.js';

export const control = (): TestkitControl => TestkitControl.fromEnv();

/**
 * A kit AWS context on the emulator signing with its own access key id: the proxy logs and scopes faults by it, so
 * this file's calls and faults never mix with those of test files running in another worker.
 */
export async function emulatorContext(accessKeyId: string): Promise<AwsContext> {
  const endpointUrl = process.env.GM_TEST_ENDPOINT;
  if (endpointUrl === undefined) throw new Error('GM_TEST_ENDPOINT is unset: the testkit global setup did not run');
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  const aws = await createAwsContext({ endpointUrl, region: 'us-east-1', retryBaseDelayMs: 5 });
  await aws.sts.getCallerIdentity(); // resolves (and memoizes) the credentials while the key is set
  return aws;
}

export interface TestContext {
  ctx: ResourceContext;
  warnings: string[];
}

/** A fresh deployment identity (unique name, so IAM names never collide between tests) with fast polling. */
export function resourceContext(aws: AwsContext, identity: Partial<DeploymentIdentity> = {}): TestContext {
  const warnings: string[] = [];
  const ctx: ResourceContext = {
    aws,
    identity: {
      name: `ct-${randomBytes(4).toString('hex')}`,
      deploymentId: randomUUID(),
      tier: 'tier1',
      userTags: { team: 'qa' },
      ...identity,
    },
    wait: { minDelaySeconds: 0.02, maxDelaySeconds: 0.1, maxWaitSeconds: 10 },
    progress: () => undefined,
    warn: (message) => void warnings.push(message),
  };
  return { ctx, warnings };
}

export const meta = (stepId: string): StepMeta => ({ stepId, token: randomUUID() });

/**
 * The step as a resume sees it: what the journal keeps of a create (ref and outputs). The in-memory `observed` is
 * gone, so configure and waitReady must do their full checks.
 */
export function resumed(created: Created): Created {
  return { ref: created.ref, outputs: created.outputs };
}

/**
 * The calls (`operation`, REST ones as `METHOD /path`) `action` made with `accessKeyId`. The proxy logs every call in
 * order; the tests of one file run one after another, so nothing else signs with the key meanwhile.
 */
export async function callsDuring(accessKeyId: string, action: () => Promise<unknown>): Promise<string[]> {
  const before = (await control().calls({ accessKeyId })).at(-1)?.seq ?? 0;
  await action();
  return (await control().calls({ accessKeyId })).filter((call) => call.seq > before).map((call) => call.operation);
}

/** The tags every gm resource carries (DESIGN §5), for `expect(tags).toEqual(expect.arrayContaining(…))`. */
export function expectedTags(ctx: ResourceContext, stepId: string): { Key: string; Value: string }[] {
  const { name, deploymentId, tier } = ctx.identity;
  return [
    { Key: 'gm:managed-by', Value: 'geusemaker' },
    { Key: 'gm:deployment', Value: name },
    { Key: 'gm:deployment-id', Value: deploymentId },
    { Key: 'gm:tier', Value: tier },
    { Key: 'gm:step', Value: stepId },
    { Key: 'Name', Value: `gm-${name}-${stepId}` },
    { Key: 'team', Value: 'qa' },
  ];
}

/** The rejection of a promise that must fail (a test that expects an error must not pass when there is none). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

/** What EC2 hands the instance as UserData, decoded: the plain script, or gzip+MIME unpacked to text. */
export function decodeUserData(base64: string): string {
  const payload = Buffer.from(base64, 'base64');
  return (payload[0] === 0x1f && payload[1] === 0x8b ? gunzipSync(payload) : payload).toString('utf8');
}

/** A VPC with a subnet in each of two AZs and a security group: what the compute kinds need of the network. */
export async function network(aws: AwsContext, second: number): Promise<{ vpcId: string; subnetA: string; subnetB: string; securityGroupId: string }> {
  const { Vpc } = await aws.ec2.createVpc({ CidrBlock: `10.${second}.0.0/16` });
  const vpcId = Vpc?.VpcId ?? '';
  const subnet = async (third: number, zone: string) =>
    (await aws.ec2.createSubnet({ VpcId: vpcId, CidrBlock: `10.${second}.${third}.0/24`, AvailabilityZone: zone })).Subnet?.SubnetId ?? '';
  const subnetA = await subnet(1, 'us-east-1a');
  const subnetB = await subnet(2, 'us-east-1b');
  const group = await aws.ec2.createSecurityGroup({ VpcId: vpcId, GroupName: `gm-test-${second}`, Description: 'compute kinds test' });
  return { vpcId, subnetA, subnetB, securityGroupId: group.GroupId ?? '' };
}
