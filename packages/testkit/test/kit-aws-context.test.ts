import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsContext } from '@geusemaker/kit/aws';
import { awsErrorName, ConfigError } from '@geusemaker/kit/errors';
import { GM_VERSION } from '@geusemaker/kit/version';
import { control, emulatorContext } from './helpers.js';

const KEY = 'AKIDTESTKITCONTEXT';

/** Runs `body` with some environment variables replaced, then puts them back. */
async function withEnv<T>(changes: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(changes);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

const NO_REGION = { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined };

test('region: option > AWS_REGION > AWS_DEFAULT_REGION > the profile in the shared config file; none is a ConfigError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gm-aws-config-'));
  const configFile = join(dir, 'config');
  writeFileSync(configFile, '[default]\nregion = ap-southeast-1\n[profile team]\nregion = eu-central-1\n');
  await withEnv({ ...NO_REGION, AWS_CONFIG_FILE: configFile }, async () => {
    expect((await createAwsContext({ profile: 'team' })).region).toBe('eu-central-1');
    expect((await createAwsContext()).region).toBe('ap-southeast-1');
    expect((await createAwsContext({ region: 'us-west-2', profile: 'team' })).region).toBe('us-west-2');
    process.env.AWS_DEFAULT_REGION = 'eu-west-1';
    expect((await createAwsContext({ profile: 'team' })).region).toBe('eu-west-1');
    process.env.AWS_REGION = 'us-east-2';
    expect((await createAwsContext({ profile: 'team' })).region).toBe('us-east-2');
  });
  await withEnv({ ...NO_REGION, AWS_CONFIG_FILE: join(dir, 'missing') }, async () => {
    const error = await createAwsContext().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('AWS_REGION_MISSING');
  });
});

test('without endpointUrl the SDK follows AWS_ENDPOINT_URL; the User-Agent carries geusemaker/<version>', async () => {
  const aws = await withEnv({ AWS_ENDPOINT_URL: process.env.GM_TEST_ENDPOINT, AWS_ACCESS_KEY_ID: KEY }, async () => {
    const context = await createAwsContext({ region: 'us-east-1' });
    await context.sts.getCallerIdentity();
    return context;
  });
  const [call] = await control().calls({ accessKeyId: KEY, operation: 'GetCallerIdentity' });
  expect(call?.status).toBe(200);
  expect(call?.userAgent.split(' ')).toContain(`geusemaker/${GM_VERSION}`);
  aws.destroy();
});

test('Pricing and Cost Explorer are pinned to us-east-1 whatever the region; inRegion() keeps the settings', async () => {
  const aws = await emulatorContext(`${KEY}EU`, { region: 'eu-west-1' });
  await aws.pricing.getProducts({ ServiceCode: 'AmazonEFS', Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }] });
  const period = { Start: '2026-10-01', End: '2026-11-01' };
  await aws.costExplorer.getCostAndUsage({ TimePeriod: period, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] });
  const tokyo = aws.inRegion('ap-northeast-1');
  const zones = await tokyo.ec2.describeAvailabilityZones();
  const calls = await control().calls({ accessKeyId: `${KEY}EU` });
  expect(calls.find((c) => c.operation === 'GetProducts')?.region).toBe('us-east-1');
  expect(calls.find((c) => c.operation === 'GetCostAndUsage')).toMatchObject({ service: 'ce', region: 'us-east-1', status: 200 });
  expect(calls.find((c) => c.operation === 'DescribeAvailabilityZones')?.region).toBe('ap-northeast-1');
  expect(zones.AvailabilityZones?.map((z) => z.ZoneName)).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  tokyo.destroy();
  aws.destroy();
});

test('S3 goes path-style against the emulator: conditional put, read back, list', async () => {
  const aws = await emulatorContext(`${KEY}S3`);
  const bucket = 'gm-testkit-state';
  // S3Api has no CreateBucket (gm uses the user's bucket): create it on moto directly.
  const auth = 'AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0';
  expect((await fetch(`${process.env.GM_TEST_ENDPOINT}/${bucket}`, { method: 'PUT', headers: { authorization: auth } })).status).toBe(200);

  await aws.s3.putObject({ Bucket: bucket, Key: 'deployments/a/state.json', Body: '{"v":1}', IfNoneMatch: '*' });
  const second = await aws.s3.putObject({ Bucket: bucket, Key: 'deployments/a/state.json', Body: '{"v":2}', IfNoneMatch: '*' }).catch((e: unknown) => e);
  const read = await aws.s3.getObjectText({ Bucket: bucket, Key: 'deployments/a/state.json' });
  const listed = await aws.s3.listObjects({ Bucket: bucket, Prefix: 'deployments/' });

  expect(awsErrorName(second)).toBe('PreconditionFailed');
  expect(read.body).toBe('{"v":1}');
  expect(read.eTag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(listed.map((o) => o.Key)).toEqual(['deployments/a/state.json']);
  aws.destroy();
});
