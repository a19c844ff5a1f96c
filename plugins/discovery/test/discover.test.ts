import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsContext } from '@geusemaker/kit/aws';
import { discoverySandbox, emulatorContext, uniqueSuffix, type Envelope } from './helpers.js';

/** What a user built outside gm: a VPC with an IGW, a public and a private subnet, a group, a key pair and an EFS. */
interface Fixtures {
  vpcId: string;
  igwId: string;
  publicSubnetId: string;
  privateSubnetId: string;
  routeTableId: string;
  groupId: string;
  keyName: string;
  fileSystemId: string;
}

const AZ = 'us-east-1a';

async function buildFixtures(aws: AwsContext): Promise<Fixtures> {
  const suffix = uniqueSuffix();
  const vpcId = (await aws.ec2.createVpc({ CidrBlock: '10.77.0.0/16' })).Vpc?.VpcId ?? '';
  const igwId = (await aws.ec2.createInternetGateway({})).InternetGateway?.InternetGatewayId ?? '';
  await aws.ec2.attachInternetGateway({ InternetGatewayId: igwId, VpcId: vpcId });
  const subnet = async (cidr: string): Promise<string> => (await aws.ec2.createSubnet({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: AZ })).Subnet?.SubnetId ?? '';
  const [publicSubnetId, privateSubnetId] = await Promise.all([subnet('10.77.1.0/24'), subnet('10.77.2.0/24')]);
  const routeTableId = (await aws.ec2.createRouteTable({ VpcId: vpcId })).RouteTable?.RouteTableId ?? '';
  await aws.ec2.createRoute({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
  await aws.ec2.associateRouteTable({ RouteTableId: routeTableId, SubnetId: publicSubnetId });
  const groupId = (
    await aws.ec2.createSecurityGroup({
      GroupName: `discover-${suffix}`,
      Description: 'made outside gm',
      VpcId: vpcId,
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'gm:managed-by', Value: 'geusemaker' }] }],
    })
  ).GroupId ?? '';
  await aws.ec2.authorizeSecurityGroupIngress({
    GroupId: groupId,
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: 'tcp', FromPort: 2049, ToPort: 2049, UserIdGroupPairs: [{ GroupId: groupId }] },
    ],
  });
  const keyName = `discover-${suffix}`;
  await aws.ec2.createKeyPair({ KeyName: keyName, KeyType: 'ed25519' });
  const fileSystemId = (await aws.efs.createFileSystem({ CreationToken: `discover-${suffix}`, Encrypted: true, ThroughputMode: 'elastic' })).FileSystemId ?? '';
  await aws.efs.createMountTarget({ FileSystemId: fileSystemId, SubnetId: publicSubnetId });
  return { vpcId, igwId, publicSubnetId, privateSubnetId, routeTableId, groupId, keyName, fileSystemId };
}

let fx: Fixtures;
let aws: AwsContext;

beforeAll(async () => {
  aws = await emulatorContext();
  fx = await buildFixtures(aws);
});

afterAll(() => aws.destroy());

const REGION = ['--region', 'us-east-1'];

describe('gm discover (resources made outside gm)', () => {
  it('vpcs: CIDR, default, IGW attached, subnet counts, gm-managed; the default VPC shows too', async () => {
    const run = await discoverySandbox().gm(['discover', 'vpcs', ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ vpcs: Record<string, unknown>[] }>;
    expect(result).toMatchObject({ region: 'us-east-1', fromCache: false });
    expect(result.vpcs.find((vpc) => vpc.vpcId === fx.vpcId)).toEqual({
      vpcId: fx.vpcId,
      name: null,
      cidr: '10.77.0.0/16',
      isDefault: false,
      state: 'available',
      igwAttached: true,
      internetGatewayId: fx.igwId,
      subnetCount: 2,
      publicSubnetCount: 1,
      gmManaged: false,
    });
    expect(result.vpcs.some((vpc) => vpc.isDefault === true)).toBe(true);
  });

  it('subnets: AZ, CIDR, free IPs, public only where the route table sends 0.0.0.0/0 to the IGW, instance types offered', async () => {
    const run = await discoverySandbox().gm(['discover', 'subnets', '--vpc-id', fx.vpcId, ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ instanceTypesChecked: string[]; subnets: Record<string, unknown>[] }>;
    expect(result.instanceTypesChecked).toEqual(['t3.large', 't3a.large', 'm7i.large']);
    expect(result.subnets.map((subnet) => subnet.subnetId).sort()).toEqual([fx.publicSubnetId, fx.privateSubnetId].sort());
    const publicSubnet = result.subnets.find((subnet) => subnet.subnetId === fx.publicSubnetId);
    expect(publicSubnet).toMatchObject({
      vpcId: fx.vpcId,
      availabilityZone: AZ,
      cidr: '10.77.1.0/24',
      public: true,
      routeTableId: fx.routeTableId,
      internetGatewayId: fx.igwId,
      mapPublicIpOnLaunch: false,
      gmManaged: false,
    });
    expect(publicSubnet?.freeIps).toBeGreaterThan(240);
    expect(publicSubnet?.instanceTypesOffered).toEqual(expect.arrayContaining(['t3.large']));
    expect(result.subnets.find((subnet) => subnet.subnetId === fx.privateSubnetId)).toMatchObject({ public: false, internetGatewayId: null });
  });

  it('security-groups: inbound rules in words, usable by gm, gm-managed from the tag', async () => {
    const run = await discoverySandbox().gm(['discover', 'security-groups', '--vpc-id', fx.vpcId, ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ securityGroups: Record<string, unknown>[] }>;
    expect(result.securityGroups.every((group) => group.vpcId === fx.vpcId)).toBe(true);
    const group = result.securityGroups.find((row) => row.groupId === fx.groupId);
    expect(group).toMatchObject({ vpcId: fx.vpcId, description: 'made outside gm', usableByGm: true, gmManaged: true });
    expect(group?.inbound).toEqual(['443/tcp from 0.0.0.0/0', `2049/tcp from ${fx.groupId} (itself)`]);
    expect(group?.gmUse).toMatch(/attached beside gm's own group/);
    expect(result.securityGroups.find((row) => row.groupName === 'default')).toMatchObject({ gmManaged: false, usableByGm: true });
  });

  it('key-pairs: type, fingerprint, created', async () => {
    const run = await discoverySandbox().gm(['discover', 'key-pairs', ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ keyPairs: Record<string, unknown>[] }>;
    const key = result.keyPairs.find((row) => row.keyName === fx.keyName);
    expect(key).toMatchObject({ type: 'ed25519', gmManaged: false });
    expect(key?.fingerprint).toEqual(expect.any(String));
    expect(key?.created === null || !Number.isNaN(Date.parse(String(key?.created)))).toBe(true);
  });

  it('efs: encrypted, throughput mode, size, one mount target in its AZ; --vpc-id keeps those mounted in the VPC', async () => {
    const run = await discoverySandbox().gm(['discover', 'efs', '--vpc-id', fx.vpcId, ...REGION, '--json']);
    expect(run.exitCode).toBe(0);
    const { result } = run.json as Envelope<{ fileSystems: Record<string, unknown>[] }>;
    expect(result.fileSystems.map((fs) => fs.fileSystemId)).toEqual([fx.fileSystemId]);
    const [fs] = result.fileSystems;
    expect(fs).toMatchObject({ encrypted: true, throughputMode: 'elastic', mountTargetsPerAz: { [AZ]: 1 }, gmManaged: false });
    expect(fs?.sizeBytes).toEqual(expect.any(Number));
    expect(fs?.mountTargets).toEqual([expect.objectContaining({ availabilityZone: AZ, subnetId: fx.publicSubnetId, vpcId: fx.vpcId })]);
  });

  it('prints readable tables', async () => {
    const box = discoverySandbox();
    const vpcs = await box.gm(['discover', 'vpcs', '--vpc-id', fx.vpcId, ...REGION]);
    expect(vpcs.exitCode).toBe(0);
    const [header, row] = vpcs.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^VPC\s+NAME\s+CIDR\s+DEFAULT\s+IGW\s+SUBNETS\s+PUBLIC\s+GM$/);
    expect(row).toMatch(new RegExp(`^${fx.vpcId}\\s+-\\s+10\\.77\\.0\\.0/16\\s+no\\s+${fx.igwId}\\s+2\\s+1\\s+no$`));
    const groups = await box.gm(['discover', 'security-groups', '--vpc-id', fx.vpcId, ...REGION]);
    expect(groups.stdout).toContain(`443/tcp from 0.0.0.0/0; 2049/tcp from ${fx.groupId} (itself)`);
  });

  it('rejects a --vpc-id that is not a VPC id (usage error, no AWS call)', async () => {
    const box = discoverySandbox();
    const run = await box.gm(['discover', 'subnets', '--vpc-id', 'subnet-123', ...REGION, '--json']);
    expect(run.exitCode).toBe(2);
    expect((run.json as { error: { code: string } }).error.code).toBe('INVALID_VPC_ID');
    expect(await box.callCount('ec2')).toBe(0);
  });
});

describe('gm discover cache', () => {
  it('answers a second call from GM_HOME/cache/discovery for 5 minutes with no AWS call; --refresh asks again', async () => {
    const box = discoverySandbox();
    const args = ['discover', 'subnets', '--vpc-id', fx.vpcId, ...REGION, '--json'];
    const first = await box.gm(args);
    expect(first.exitCode).toBe(0);
    const calls = await box.callCount('ec2');
    expect(calls).toBe(3);
    const path = join(box.home, 'cache', 'discovery', 'us-east-1', 'subnets.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const second = await box.gm(args);
    expect(second.exitCode).toBe(0);
    expect(await box.callCount('ec2')).toBe(calls);
    const cached = (second.json as Envelope<{ subnets: unknown[] }>).result;
    const fresh = (first.json as Envelope<{ subnets: unknown[] }>).result;
    expect(cached).toEqual({ ...fresh, fromCache: true });

    const refreshed = await box.gm([...args, '--refresh']);
    expect(refreshed.exitCode).toBe(0);
    expect((refreshed.json as Envelope<unknown>).result.fromCache).toBe(false);
    expect(await box.callCount('ec2')).toBe(calls * 2);
  });

  it('keeps listings apart: another filter is another entry, EFS calls go to EFS only', async () => {
    const box = discoverySandbox();
    expect((await box.gm(['discover', 'efs', ...REGION, '--json'])).exitCode).toBe(0);
    expect(await box.callCount('ec2')).toBe(0);
    const efsCalls = await box.callCount('elasticfilesystem');
    expect(efsCalls).toBeGreaterThanOrEqual(2);
    const filtered = await box.gm(['discover', 'efs', '--vpc-id', fx.vpcId, ...REGION, '--json']);
    expect((filtered.json as Envelope<unknown>).result.fromCache).toBe(false);
    expect(await box.gm(['discover', 'efs', ...REGION, '--json']).then((run) => (run.json as Envelope<unknown>).result.fromCache)).toBe(true);
  });
});
