import type { AwsContext } from '@geusemaker/kit/aws';
import { awsErrorName, GmError } from '@geusemaker/kit/errors';
import { control, emulatorContext } from './helpers.js';

const KEY = 'AKIDTESTKITEC2';

let aws: AwsContext;

beforeAll(async () => {
  aws = await emulatorContext(KEY);
});
afterEach(() => control().clearFaults(KEY));
afterAll(() => aws.destroy());

async function callsOf(operation: string) {
  return control().calls({ accessKeyId: KEY, operation });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

test('a VPC created through the proxy describes back with its id, CIDR and tags, and is gone after delete', async () => {
  const created = await aws.ec2.createVpc({
    CidrBlock: '10.91.0.0/16',
    TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'gm:deployment', Value: 'proxy-roundtrip' }] }],
  });
  const vpcId = created.Vpc?.VpcId ?? '';
  expect(vpcId).toMatch(/^vpc-[0-9a-f]+$/);

  const described = await aws.ec2.describeVpcs({ VpcIds: [vpcId] });
  expect(described.Vpcs).toHaveLength(1);
  expect(described.Vpcs?.[0]?.VpcId).toBe(vpcId);
  expect(described.Vpcs?.[0]?.CidrBlock).toBe('10.91.0.0/16');
  expect(described.Vpcs?.[0]?.Tags).toContainEqual({ Key: 'gm:deployment', Value: 'proxy-roundtrip' });

  await aws.ec2.deleteVpc({ VpcId: vpcId });
  const error = await rejection(aws.ec2.describeVpcs({ VpcIds: [vpcId] }));
  expect(error).toBeInstanceOf(GmError);
  expect((error as GmError).code).toBe('AWS_NOT_FOUND');
  expect(awsErrorName(error)).toBe('InvalidVpcID.NotFound');
});

test('two injected RequestLimitExceeded are retried by the SDK: CreateVpc succeeds on the third call', async () => {
  await control().injectFault({ service: 'ec2', operation: 'CreateVpc', errorCode: 'RequestLimitExceeded', count: 2, accessKeyId: KEY });
  const before = (await callsOf('CreateVpc')).length;

  const created = await aws.ec2.createVpc({ CidrBlock: '10.92.0.0/16' });

  expect(created.Vpc?.CidrBlock).toBe('10.92.0.0/16');
  const calls = (await callsOf('CreateVpc')).slice(before);
  expect(calls.map((c) => [c.status, c.faulted, c.errorCode ?? null])).toEqual([
    [503, true, 'RequestLimitExceeded'],
    [503, true, 'RequestLimitExceeded'],
    [200, false, null],
  ]);
  await aws.ec2.deleteVpc({ VpcId: created.Vpc?.VpcId ?? '' });
});

test('a throttle that outlasts maxAttempts surfaces as AWS_THROTTLED after exactly maxAttempts calls', async () => {
  const limited = await emulatorContext(`${KEY}MAX`, { maxAttempts: 3 });
  await control().injectFault({ operation: 'DescribeVpcs', errorCode: 'RequestLimitExceeded', accessKeyId: `${KEY}MAX` });

  const error = await rejection(limited.ec2.describeVpcs());

  expect((error as GmError).code).toBe('AWS_THROTTLED');
  expect(awsErrorName(error)).toBe('RequestLimitExceeded');
  expect(await control().calls({ accessKeyId: `${KEY}MAX`, operation: 'DescribeVpcs' })).toHaveLength(3);
  limited.destroy();
});

test('a client error (DependencyViolation) is not retried and keeps its AWS name', async () => {
  const vpc = await aws.ec2.createVpc({ CidrBlock: '10.93.0.0/16' });
  await control().injectFault({ operation: 'DeleteVpc', errorCode: 'DependencyViolation', count: 1, accessKeyId: KEY });
  const before = (await callsOf('DeleteVpc')).length;

  const error = await rejection(aws.ec2.deleteVpc({ VpcId: vpc.Vpc?.VpcId ?? '' }));

  expect((error as GmError).code).toBe('AWS_DEPENDENCY');
  expect(awsErrorName(error)).toBe('DependencyViolation');
  expect((await callsOf('DeleteVpc')).slice(before)).toHaveLength(1);
  await aws.ec2.deleteVpc({ VpcId: vpc.Vpc?.VpcId ?? '' }); // the fault was used up: now it goes through
});

test('an afterForward fault lets moto create the VPC but the caller only sees the error (a crash point)', async () => {
  const once = await emulatorContext(`${KEY}CRASH`, { maxAttempts: 1 });
  await control().injectFault({ operation: 'CreateVpc', errorCode: 'InternalError', afterForward: true, count: 1, accessKeyId: `${KEY}CRASH` });
  const tag = { Key: 'gm:step', Value: 'crash-point-vpc' };

  const error = await rejection(once.ec2.createVpc({ CidrBlock: '10.94.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [tag] }] }));

  expect(awsErrorName(error)).toBe('InternalError');
  const found = await once.ec2.describeVpcs({ Filters: [{ Name: 'tag:gm:step', Values: ['crash-point-vpc'] }] });
  expect(found.Vpcs?.map((v) => v.CidrBlock)).toEqual(['10.94.0.0/16']);
  await once.ec2.deleteVpc({ VpcId: found.Vpcs?.[0]?.VpcId ?? '' });
  once.destroy();
});

test('injected latency delays the answer and shows in the call log', async () => {
  await control().injectFault({ operation: 'DescribeAvailabilityZones', latencyMs: 250, count: 1, accessKeyId: KEY });
  const started = Date.now();

  const zones = await aws.ec2.describeAvailabilityZones();

  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  expect(zones.AvailabilityZones?.map((z) => z.ZoneName)).toContain('us-east-1a');
  const [last] = (await callsOf('DescribeAvailabilityZones')).slice(-1);
  expect(last?.durationMs).toBeGreaterThanOrEqual(250);
  expect(last?.status).toBe(200);
});

test('a held call waits until the test releases it', async () => {
  await control().injectFault({ operation: 'DescribeVpcs', hold: true, count: 1, accessKeyId: KEY });
  let settled = false;
  const pending = aws.ec2.describeVpcs().finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(settled).toBe(false);

  expect(await control().release()).toBe(1);
  const result = await pending;
  expect(result.Vpcs?.length).toBeGreaterThanOrEqual(1); // moto's default VPC at least
});

test('a dropped connection is a transient error: the SDK retries it on a new connection', async () => {
  await control().injectFault({ operation: 'DescribeAvailabilityZones', drop: true, count: 1, accessKeyId: KEY });
  const before = (await callsOf('DescribeAvailabilityZones')).length;

  const zones = await aws.ec2.describeAvailabilityZones({ ZoneNames: ['us-east-1b'] });

  expect(zones.AvailabilityZones?.[0]?.ZoneId).toBe('use1-az1');
  const calls = (await callsOf('DescribeAvailabilityZones')).slice(before);
  expect(calls.map((c) => [c.status, c.source])).toEqual([
    [0, 'fault'],
    [200, 'moto'],
  ]);
});

test('a JSON-protocol throttle (400 ThrottlingException) is recognised by its __type and retried', async () => {
  await control().injectFault({ service: 'ssm', operation: 'GetParameter', errorCode: 'ThrottlingException', count: 2, accessKeyId: KEY });
  const name = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

  const parameter = await aws.ssm.getParameter({ Name: name });

  // moto's public parameter points at an AMI that the testkit's AMI fixture provides.
  expect(parameter.Parameter?.Value).toBe('ami-0d27e0fb3bac4d724');
  const calls = await control().calls({ accessKeyId: KEY, operation: 'GetParameter' });
  expect(calls.map((c) => [c.status, c.errorCode ?? null])).toEqual([
    [400, 'ThrottlingException'],
    [400, 'ThrottlingException'],
    [200, null],
  ]);
});

test('instance type offerings per AZ come from moto through the paginator', async () => {
  const offerings = await aws.ec2.describeInstanceTypeOfferings({
    LocationType: 'availability-zone',
    Filters: [{ Name: 'instance-type', Values: ['t3.medium', 'g5.xlarge'] }],
  });
  const zonesOf = (type: string) => offerings.filter((o) => o.InstanceType === type).map((o) => o.Location).sort();
  expect(zonesOf('t3.medium').length).toBeGreaterThanOrEqual(5);
  expect(zonesOf('t3.medium').every((zone) => /^us-east-1[a-f]$/.test(zone ?? ''))).toBe(true);
  expect(zonesOf('g5.xlarge').length).toBeGreaterThanOrEqual(1);
});
