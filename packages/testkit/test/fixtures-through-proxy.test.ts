import type { AwsContext } from '@geusemaker/kit/aws';
import { control, emulatorContext } from './helpers.js';

const KEY = 'AKIDTESTKITFIXTURES';
let aws: AwsContext;

beforeAll(async () => {
  aws = await emulatorContext(KEY);
});
afterAll(() => aws.destroy());

/** The on-demand USD price inside one Price List document (path as in shared/pricing/README.md). */
function onDemandUsd(document: string): number {
  const parsed = JSON.parse(document) as { terms: { OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }> } };
  const [term] = Object.values(parsed.terms.OnDemand);
  const [dimension] = Object.values(term?.priceDimensions ?? {});
  return Number(dimension?.pricePerUnit.USD);
}

const LINUX_ON_DEMAND = [
  ['operatingSystem', 'Linux'],
  ['tenancy', 'Shared'],
  ['capacitystatus', 'Used'],
  ['preInstalledSw', 'NA'],
  ['licenseModel', 'No License required'],
  ['marketoption', 'OnDemand'],
].map(([Field, Value]) => ({ Type: 'TERM_MATCH' as const, Field, Value }));

test('GetProducts answers t3.medium in us-east-1 at 0.0416 USD/hour, one product with the usual filters', async () => {
  const products = await aws.pricing.getProducts({
    ServiceCode: 'AmazonEC2',
    FormatVersion: 'aws_v1',
    Filters: [
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 't3.medium' },
      ...LINUX_ON_DEMAND,
    ],
  });
  expect(products).toHaveLength(1);
  expect(onDemandUsd(products[0] ?? '')).toBe(0.0416);
  expect(JSON.parse(products[0] ?? '{}')).toMatchObject({ product: { attributes: { instanceType: 't3.medium', memory: '4 GiB', vcpu: '2' } } });
  const [call] = await control().calls({ accessKeyId: KEY, operation: 'GetProducts' });
  expect(call).toMatchObject({ service: 'pricing', region: 'us-east-1', source: 'fixture', status: 200 });
});

test('GetProducts honours filters: without operatingSystem/capacitystatus, Windows and reservation SKUs match too', async () => {
  const products = await aws.pricing.getProducts({
    ServiceCode: 'AmazonEC2',
    Filters: [
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 't3.medium' },
    ],
  });
  const prices = products.map(onDemandUsd).sort();
  expect(prices).toEqual([0.0456, 0.0456, 0.0456 + 2 * 0.0092].sort());
});

test('GetProducts pages are all collected by the paginator (more than one page of 100)', async () => {
  const products = await aws.pricing.getProducts({
    ServiceCode: 'AmazonEC2',
    Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' }],
  });
  expect(products.length).toBeGreaterThan(100);
  expect(new Set(products).size).toBe(products.length);
  const pages = await control().calls({ accessKeyId: KEY, operation: 'GetProducts' });
  expect(pages.length).toBeGreaterThanOrEqual(1 + Math.ceil(products.length / 100));
});

test('spot prices for t3.medium in us-east-1 come per AZ name, realistic and below on-demand', async () => {
  const prices = await aws.ec2.describeSpotPriceHistory({
    InstanceTypes: ['t3.medium'],
    ProductDescriptions: ['Linux/UNIX'],
    StartTime: new Date(),
  });
  const byZone = new Map(prices.map((p) => [p.AvailabilityZone, Number(p.SpotPrice)]));
  expect(prices).toHaveLength(byZone.size); // exactly the price in effect now, one per AZ
  expect(byZone.size).toBeGreaterThanOrEqual(3);
  for (const [zone, price] of byZone) {
    expect(zone).toMatch(/^us-east-1[a-f]$/);
    expect(price).toBeGreaterThan(0.001);
    expect(price).toBeLessThan(0.0416);
  }
  // use1-az1 is us-east-1b in moto's mapping; the catalog's snapshot price there is 0.0181.
  expect(byZone.get('us-east-1b')).toBe(0.0181);
  expect(prices.find((p) => p.AvailabilityZone === 'us-east-1b')?.AvailabilityZoneId).toBe('use1-az1');
});

test('spot price history has several points per AZ when asked for a day back', async () => {
  const prices = await aws.ec2.describeSpotPriceHistory({
    InstanceTypes: ['t3.medium'],
    ProductDescriptions: ['Linux/UNIX'],
    AvailabilityZone: 'us-east-1c',
    StartTime: new Date(Date.now() - 24 * 3_600_000),
  });
  expect(prices.length).toBeGreaterThanOrEqual(3);
  expect(new Set(prices.map((p) => p.SpotPrice)).size).toBeGreaterThan(1);
  expect(prices.every((p) => p.AvailabilityZone === 'us-east-1c')).toBe(true);
});

test('placement scores are integers 1–10 per region, or per AZ id with SingleAvailabilityZone', async () => {
  const request = { InstanceTypes: ['t3.medium', 't3a.medium', 'm7i.large'], TargetCapacity: 1, RegionNames: ['us-east-1', 'eu-west-1'] };
  const regional = await aws.ec2.getSpotPlacementScores(request);
  expect(regional.map((s) => s.Region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  for (const { Score } of regional) expect(Number.isInteger(Score) && (Score ?? 0) >= 1 && (Score ?? 0) <= 10).toBe(true);

  const zonal = await aws.ec2.getSpotPlacementScores({ ...request, RegionNames: ['us-east-1'], SingleAvailabilityZone: true });
  expect(zonal.length).toBeGreaterThanOrEqual(3);
  expect(zonal.every((s) => /^use1-az\d$/.test(s.AvailabilityZoneId ?? ''))).toBe(true);
  const gpu = await aws.ec2.getSpotPlacementScores({ InstanceTypes: ['g5.12xlarge'], TargetCapacity: 20, RegionNames: ['us-east-1'] });
  expect(gpu[0]?.Score).toBeLessThan(Math.max(...regional.map((s) => s.Score ?? 0)));
});

test('Run Command reports the output the test set, after the pending polls', async () => {
  await control().setCommandOutput({ commandContains: 'docker ps --testkit', stdout: 'n8n   Up 3 minutes\n', pendingPolls: 1 });
  const sent = await aws.ssm.sendCommand({
    DocumentName: 'AWS-RunShellScript',
    InstanceIds: ['i-0123456789abcdef0'],
    Parameters: { commands: ['docker ps --testkit'] },
  });
  const input = { CommandId: sent.Command?.CommandId ?? '', InstanceId: 'i-0123456789abcdef0' };

  const first = await aws.ssm.getCommandInvocation(input);
  const second = await aws.ssm.getCommandInvocation(input);

  expect(first.Status).toBe('InProgress');
  expect(second).toMatchObject({ Status: 'Success', ResponseCode: 0, StandardOutputContent: 'n8n   Up 3 minutes\n' });
});

test('STS answers with moto’s account', async () => {
  const identity = await aws.sts.getCallerIdentity();
  expect(identity.Account).toBe('123456789012');
});
