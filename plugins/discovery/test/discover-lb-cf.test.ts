import type { AwsContext } from '@geusemaker/kit/aws';
import { discoverySandbox, emulatorContext, uniqueSuffix, type Envelope } from './helpers.js';

/** What a user built outside gm: an internet-facing ALB in two subnets with an HTTP listener and a target group, and a
 *  CloudFront distribution with a custom origin. */
interface Fixtures {
  vpcId: string;
  loadBalancerArn: string;
  loadBalancerName: string;
  dnsName: string;
  targetGroupArn: string;
  targetGroupName: string;
  distributionId: string;
  originDomain: string;
}

async function buildFixtures(aws: AwsContext): Promise<Fixtures> {
  const suffix = uniqueSuffix();
  const vpcId = (await aws.ec2.createVpc({ CidrBlock: '10.78.0.0/16' })).Vpc?.VpcId ?? '';
  const subnet = async (cidr: string, az: string): Promise<string> =>
    (await aws.ec2.createSubnet({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: az })).Subnet?.SubnetId ?? '';
  const subnets = await Promise.all([subnet('10.78.1.0/24', 'us-east-1a'), subnet('10.78.2.0/24', 'us-east-1b')]);
  const loadBalancerName = `gm-lb-${suffix}`.slice(0, 32);
  const lb = (await aws.elbv2.createLoadBalancer({ Name: loadBalancerName, Subnets: subnets, Scheme: 'internet-facing', Type: 'application' })).LoadBalancers?.[0];
  const loadBalancerArn = lb?.LoadBalancerArn ?? '';
  const targetGroupName = `gm-tg-${suffix}`.slice(0, 32);
  const group = (await aws.elbv2.createTargetGroup({ Name: targetGroupName, Protocol: 'HTTP', Port: 8080, VpcId: vpcId, TargetType: 'instance' })).TargetGroups?.[0];
  const targetGroupArn = group?.TargetGroupArn ?? '';
  await aws.elbv2.createListener({
    LoadBalancerArn: loadBalancerArn,
    Protocol: 'HTTP',
    Port: 80,
    DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
  });
  const originDomain = `origin-${suffix}.example.com`;
  const distribution = await aws.cloudfront.createDistribution({
    DistributionConfig: {
      CallerReference: `gm-${suffix}`,
      Comment: `made outside gm ${suffix}`,
      Enabled: true,
      Origins: {
        Quantity: 1,
        Items: [
          {
            Id: 'app',
            DomainName: originDomain,
            CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' },
          },
        ],
      },
      DefaultCacheBehavior: {
        TargetOriginId: 'app',
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      },
    },
  });
  return {
    vpcId,
    loadBalancerArn,
    loadBalancerName,
    dnsName: lb?.DNSName ?? '',
    targetGroupArn,
    targetGroupName,
    distributionId: distribution.Distribution?.Id ?? '',
    originDomain,
  };
}

let fx: Fixtures;
let aws: AwsContext;

beforeAll(async () => {
  aws = await emulatorContext();
  fx = await buildFixtures(aws);
});

afterAll(() => aws.destroy());

const REGION = ['--region', 'us-east-1'];

describe('gm discover load-balancers', () => {
  it('shows the ALB: scheme, type, DNS name, state, VPC, listeners, target groups with their health', async () => {
    const box = discoverySandbox();
    const run = await box.gm(['discover', 'load-balancers', ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ loadBalancers: Record<string, unknown>[] }>;
    expect(result).toMatchObject({ region: 'us-east-1', fromCache: false });
    const lb = result.loadBalancers.find((row) => row.loadBalancerArn === fx.loadBalancerArn);
    expect(lb).toMatchObject({
      name: fx.loadBalancerName,
      type: 'application',
      scheme: 'internet-facing',
      dnsName: fx.dnsName,
      vpcId: fx.vpcId,
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      listeners: [expect.objectContaining({ port: 80, protocol: 'HTTP' })],
      targetGroups: [
        { targetGroupArn: fx.targetGroupArn, name: fx.targetGroupName, protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [], health: {} },
      ],
    });
    expect(fx.dnsName).not.toBe('');
    expect(lb?.state).toEqual(expect.any(String));
    expect(await box.callCount('elasticloadbalancing')).toBeGreaterThanOrEqual(4);
    expect(await box.callCount('ec2')).toBe(0);
  });

  it('--vpc-id keeps only the VPC’s load balancers; a second call comes from the cache', async () => {
    const box = discoverySandbox();
    const args = ['discover', 'load-balancers', '--vpc-id', fx.vpcId, ...REGION, '--json'];
    const first = await box.gm(args);
    expect(first.exitCode).toBe(0);
    const { result } = first.json as Envelope<{ loadBalancers: Record<string, unknown>[] }>;
    expect(result.loadBalancers.map((row) => row.loadBalancerArn)).toEqual([fx.loadBalancerArn]);
    const calls = await box.callCount('elasticloadbalancing');
    const second = await box.gm(args);
    expect((second.json as Envelope<unknown>).result.fromCache).toBe(true);
    expect(await box.callCount('elasticloadbalancing')).toBe(calls);
    const refreshed = await box.gm([...args, '--refresh']);
    expect((refreshed.json as Envelope<unknown>).result.fromCache).toBe(false);
  });

  it('prints a readable table', async () => {
    const run = await discoverySandbox().gm(['discover', 'load-balancers', '--vpc-id', fx.vpcId, ...REGION]);
    expect(run.exitCode).toBe(0);
    const [header, row] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+TYPE\s+SCHEME\s+STATE\s+VPC\s+DNS NAME\s+LISTENERS\s+TARGET GROUPS$/);
    expect(row).toContain(`${fx.loadBalancerName}  application  internet-facing`);
    expect(row).toContain('80/HTTP');
    expect(row).toContain(`${fx.targetGroupName} (no targets)`);
  });

  it('rejects a --vpc-id that is not a VPC id', async () => {
    const box = discoverySandbox();
    const run = await box.gm(['discover', 'load-balancers', '--vpc-id', 'subnet-123', ...REGION, '--json']);
    expect(run.exitCode).toBe(2);
    expect((run.json as { error: { code: string } }).error.code).toBe('INVALID_VPC_ID');
    expect(await box.callCount('elasticloadbalancing')).toBe(0);
  });
});

describe('gm discover cloudfront', () => {
  it('shows the distribution: id, domain, status, enabled, aliases, origins', async () => {
    const box = discoverySandbox();
    const run = await box.gm(['discover', 'cloudfront', ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ distributions: Record<string, unknown>[] }>;
    expect(result.fromCache).toBe(false);
    const distribution = result.distributions.find((row) => row.distributionId === fx.distributionId);
    expect(distribution).toMatchObject({ enabled: true, aliases: [], origins: [fx.originDomain] });
    expect(distribution?.domainName).toMatch(/\.cloudfront\.net$/);
    expect(distribution?.status).toEqual(expect.any(String));
    expect(await box.callCount('cloudfront')).toBeGreaterThanOrEqual(1);

    const table = await box.gm(['discover', 'cloudfront', ...REGION]);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+DOMAIN\s+STATUS\s+ENABLED\s+ALIASES\s+ORIGINS/);
    expect(table.stdout).toContain(fx.originDomain);
  });
});
