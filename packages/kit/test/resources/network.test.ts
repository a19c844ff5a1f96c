import type { AwsContext, IpPermission } from '@geusemaker/kit/aws';
import { awsErrorName } from '@geusemaker/kit/errors';
import type { Created } from '@geusemaker/kit/resources';
// NETWORK_KINDS is internal to kit (the engine reaches kinds through the registry), so it is imported from src.
import { NETWORK_KINDS, type NetworkKindName } from '../../src/resources/network/index.js';
import { expectDeletedIdempotently, expectFoundAgain, expectGmTags, rejection, resumed } from './assertions.js';
import { clearFaults, ec2Operations, emulatorAws, injectEc2Fault, resourceContext, testIdentity, type RecordingContext } from './emulator.js';

// Each kind signs with its own access key id, so the proxy's call log shows exactly which EC2 actions it called.
const KEY = 'AKIDKITNETWORK';
const keyOf = (kind: NetworkKindName | 'check') => `${KEY}-${kind.toUpperCase()}`;
const KIND_NAMES = Object.keys(NETWORK_KINDS) as NetworkKindName[];
const identity = testIdentity('net-kinds');

let check: AwsContext;
const contexts = {} as Record<NetworkKindName, RecordingContext>;
let sharedVpc: Created;

beforeAll(async () => {
  for (const name of KIND_NAMES) contexts[name] = resourceContext(await emulatorAws(keyOf(name)), identity);
  check = await emulatorAws(keyOf('check'));
  sharedVpc = await NETWORK_KINDS.vpc.create(contexts.vpc, { cidr: '10.62.0.0/16' }, { stepId: 'shared-vpc', token: 't-shared' });
});
afterEach(() => Promise.all(KIND_NAMES.map((name) => clearFaults(keyOf(name)))));
afterAll(async () => {
  await NETWORK_KINDS.vpc.delete(contexts.vpc, sharedVpc.ref);
  for (const name of KIND_NAMES) contexts[name].aws.destroy();
  check.destroy();
});

/** The EC2 operations `action` made with `kind`'s key (the proxy logs every call, in order). */
async function operationsDuring(kind: NetworkKindName, action: () => Promise<unknown>): Promise<string[]> {
  const before = (await ec2Operations(keyOf(kind))).length;
  await action();
  return (await ec2Operations(keyOf(kind))).slice(before);
}

test('vpc: tagged at creation, DNS support and hostnames on (configure twice), available, found again, deleted idempotently', async () => {
  const ctx = contexts.vpc;
  const kind = NETWORK_KINDS.vpc;
  const created = await kind.create(ctx, { cidr: '10.61.0.0/16' }, { stepId: 'vpc', token: 't-vpc' });
  const vpcId = created.ref.id;
  expect(created).toEqual({
    ref: { kind: 'vpc', id: expect.stringMatching(/^vpc-[0-9a-f]+$/) },
    outputs: { vpcId, cidr: '10.61.0.0/16' },
    observed: { state: 'available' }, // moto answers CreateVpc with `available`; AWS usually with `pending`
  });
  expectGmTags(identity, (await check.ec2.listVpcs({ VpcIds: [vpcId] }))[0]?.Tags, 'vpc');

  // Just created: DNS support is EC2's default, so only hostnames take a call. Resumed: both are set again.
  expect(await operationsDuring('vpc', async () => expect(await kind.configure?.(ctx, { cidr: '10.61.0.0/16' }, created)).toEqual({}))).toEqual(['ModifyVpcAttribute']);
  const support = await check.ec2.describeVpcAttribute({ VpcId: vpcId, Attribute: 'enableDnsSupport' });
  expect(support.EnableDnsSupport?.Value).toBe(true);
  expect(await operationsDuring('vpc', async () => expect(await kind.configure?.(ctx, { cidr: '10.61.0.0/16' }, resumed(created))).toEqual({}))).toEqual([
    'ModifyVpcAttribute',
    'ModifyVpcAttribute',
  ]);
  const hostnames = await check.ec2.describeVpcAttribute({ VpcId: vpcId, Attribute: 'enableDnsHostnames' });
  expect(hostnames.EnableDnsHostnames?.Value).toBe(true);

  // CreateVpc already said `available`: nothing to poll. A resumed step polls.
  expect(await operationsDuring('vpc', async () => expect(await kind.waitReady?.(ctx, created)).toEqual({}))).toEqual([]);
  expect(await operationsDuring('vpc', async () => expect(await kind.waitReady?.(ctx, resumed(created))).toEqual({}))).toEqual(['DescribeVpcs']);
  expect(await operationsDuring('vpc', async () => kind.waitReady?.(ctx, { ...created, observed: { state: 'pending' } }))).toEqual(['DescribeVpcs']); // as AWS answers

  await expectFoundAgain(kind, ctx, 'vpc', created);
  await expectDeletedIdempotently(kind, ctx, 'vpc', created.ref);
});

test('vpc: a just-created id that still answers NotFound (eventual consistency) is retried, not failed', async () => {
  const ctx = contexts.vpc;
  const created = await NETWORK_KINDS.vpc.create(ctx, { cidr: '10.63.0.0/16' }, { stepId: 'vpc-eventual', token: 't' });
  await injectEc2Fault(keyOf('vpc'), 'ModifyVpcAttribute', 'InvalidVpcID.NotFound');

  expect(await NETWORK_KINDS.vpc.configure?.(ctx, { cidr: '10.63.0.0/16' }, created)).toEqual({});

  const hostnames = await check.ec2.describeVpcAttribute({ VpcId: created.ref.id, Attribute: 'enableDnsHostnames' });
  expect(hostnames.EnableDnsHostnames?.Value).toBe(true);
  await NETWORK_KINDS.vpc.delete(ctx, created.ref);
});

test('internet-gateway: tagged, attached (configure twice), never to a second VPC, detached and deleted idempotently', async () => {
  const ctx = contexts['internet-gateway'];
  const kind = NETWORK_KINDS['internet-gateway'];
  const input = { vpcId: sharedVpc.ref.id };
  const created = await kind.create(ctx, input, { stepId: 'internet-gateway', token: 't-igw' });
  const igwId = created.ref.id;
  expect(created).toEqual({ ref: { kind: 'internet-gateway', id: expect.stringMatching(/^igw-[0-9a-f]+$/) }, outputs: { internetGatewayId: igwId } });

  expect(await kind.configure?.(ctx, input, created)).toEqual({});
  expect(await kind.configure?.(ctx, input, created)).toEqual({});
  const [igw] = await check.ec2.describeInternetGateways({ InternetGatewayIds: [igwId] });
  expectGmTags(identity, igw?.Tags, 'internet-gateway');
  expect(igw?.Attachments?.map((attachment) => attachment.VpcId)).toEqual([sharedVpc.ref.id]);

  const other = await check.ec2.createVpc({ CidrBlock: '10.64.0.0/16' });
  const elsewhere = await rejection(kind.configure?.(ctx, { vpcId: other.Vpc?.VpcId ?? '' }, created));
  expect(elsewhere.code).toBe('IGW_ATTACHED_ELSEWHERE');
  await check.ec2.deleteVpc({ VpcId: other.Vpc?.VpcId ?? '' });

  await expectFoundAgain(kind, ctx, 'internet-gateway', created);
  await expectDeletedIdempotently(kind, ctx, 'internet-gateway', created.ref);
});

test('subnet: tagged, AZ name and id, public IPs on launch (configure twice), available, found again, deleted idempotently', async () => {
  const ctx = contexts.subnet;
  const kind = NETWORK_KINDS.subnet;
  const input = { vpcId: sharedVpc.ref.id, cidr: '10.62.9.0/24', availabilityZone: 'us-east-1b' };
  const created = await kind.create(ctx, input, { stepId: 'subnet-1', token: 't-subnet' });
  const subnetId = created.ref.id;
  const [zone] = (await check.ec2.describeAvailabilityZones({ ZoneNames: ['us-east-1b'] })).AvailabilityZones ?? [];
  expect(created).toEqual({
    ref: { kind: 'subnet', id: expect.stringMatching(/^subnet-[0-9a-f]+$/) },
    outputs: { subnetId, availabilityZone: 'us-east-1b', availabilityZoneId: zone?.ZoneId },
    observed: { state: 'available' },
  });
  expect(zone?.ZoneId).toMatch(/^use1-az\d$/);

  // Nothing to configure: the instance asks for its boot-time public address itself (subnet auto-assign stays off).
  expect(kind.configure).toBeUndefined();
  const [subnet] = await check.ec2.describeSubnets({ SubnetIds: [subnetId] });
  expectGmTags(identity, subnet?.Tags, 'subnet-1');
  expect([subnet?.VpcId, subnet?.CidrBlock, subnet?.MapPublicIpOnLaunch]).toEqual([sharedVpc.ref.id, '10.62.9.0/24', false]);
  // CreateSubnet already said `available`: nothing to poll. A resumed step polls.
  expect(await operationsDuring('subnet', async () => expect(await kind.waitReady?.(ctx, created)).toEqual({}))).toEqual([]);
  expect(await operationsDuring('subnet', async () => expect(await kind.waitReady?.(ctx, resumed(created))).toEqual({}))).toEqual(['DescribeSubnets']);

  await expectFoundAgain(kind, ctx, 'subnet-1', created);
  await expectDeletedIdempotently(kind, ctx, 'subnet-1', created.ref);
});

async function routeTableOf(id: string) {
  const [table] = await check.ec2.describeRouteTables({ RouteTableIds: [id] });
  return {
    table,
    defaultRoutes: (table?.Routes ?? []).filter((route) => route.DestinationCidrBlock === '0.0.0.0/0').map((route) => route.GatewayId),
    subnets: (table?.Associations ?? []).map((association) => association.SubnetId).sort(),
  };
}

test('route-table: 0.0.0.0/0 → IGW and both subnets associated, exactly once after configure twice; delete disassociates', async () => {
  const vpcId = sharedVpc.ref.id;
  const igw = await NETWORK_KINDS['internet-gateway'].create(contexts['internet-gateway'], { vpcId }, { stepId: 'rt-igw', token: 't' });
  await NETWORK_KINDS['internet-gateway'].configure?.(contexts['internet-gateway'], { vpcId }, igw);
  const subnets = await Promise.all(
    ['a', 'b'].map((zone, index) =>
      NETWORK_KINDS.subnet.create(
        contexts.subnet,
        { vpcId, cidr: `10.62.${index + 1}.0/24`, availabilityZone: `us-east-1${zone}` },
        { stepId: `rt-subnet-${index + 1}`, token: 't' },
      ),
    ),
  );
  const subnetIds = subnets.map((subnet) => subnet.ref.id);
  const ctx = contexts['route-table'];
  const kind = NETWORK_KINDS['route-table'];
  const input = { vpcId, internetGatewayId: igw.ref.id, subnetIds };

  const created = await kind.create(ctx, input, { stepId: 'route-table', token: `${identity.deploymentId}-route-table` });
  expect(created).toEqual({ ref: { kind: 'route-table', id: expect.stringMatching(/^rtb-[0-9a-f]+$/) }, outputs: { routeTableId: created.ref.id } });
  expect(await kind.configure?.(ctx, input, created)).toEqual({});
  expect(await kind.configure?.(ctx, input, created)).toEqual({});

  const configured = await routeTableOf(created.ref.id);
  expectGmTags(identity, configured.table?.Tags, 'route-table');
  expect(configured.table?.VpcId).toBe(vpcId);
  expect(configured.defaultRoutes).toEqual([igw.ref.id]);
  expect(configured.subnets).toEqual([...subnetIds].sort());
  await expectFoundAgain(kind, ctx, 'route-table', created);

  await expectDeletedIdempotently(kind, ctx, 'route-table', created.ref);
  const stillAssociated = await check.ec2.describeRouteTables({ Filters: [{ Name: 'association.subnet-id', Values: subnetIds }] });
  expect(stillAssociated).toEqual([]);

  await Promise.all(subnets.map((subnet) => NETWORK_KINDS.subnet.delete(contexts.subnet, subnet.ref)));
  await NETWORK_KINDS['internet-gateway'].delete(contexts['internet-gateway'], igw.ref);
});

test('route-table: "already associated" is success for this table, an error when the subnet belongs to another', async () => {
  const vpcId = sharedVpc.ref.id;
  const subnetInput = { vpcId, cidr: '10.62.20.0/24', availabilityZone: 'us-east-1c' };
  const subnet = await NETWORK_KINDS.subnet.create(contexts.subnet, subnetInput, { stepId: 'rt2-subnet', token: 't' });
  const igw = await NETWORK_KINDS['internet-gateway'].create(contexts['internet-gateway'], { vpcId }, { stepId: 'rt2-igw', token: 't' });
  const ctx = contexts['route-table'];
  const kind = NETWORK_KINDS['route-table'];
  const input = { vpcId, internetGatewayId: igw.ref.id, subnetIds: [subnet.ref.id] };
  const created = await kind.create(ctx, input, { stepId: 'route-table-2', token: 't' });
  await kind.configure?.(ctx, input, created);

  // moto answers a repeated association with the existing id; AWS answers Resource.AlreadyAssociated: replay AWS.
  await injectEc2Fault(keyOf('route-table'), 'AssociateRouteTable', 'Resource.AlreadyAssociated', 2);
  expect(await kind.configure?.(ctx, input, created)).toEqual({});
  const other = await kind.create(ctx, input, { stepId: 'route-table-3', token: 't' });
  expect((await rejection(kind.configure?.(ctx, input, other))).code).toBe('SUBNET_ASSOCIATED_ELSEWHERE');

  await Promise.all([kind.delete(ctx, created.ref), kind.delete(ctx, other.ref)]);
  await NETWORK_KINDS.subnet.delete(contexts.subnet, subnet.ref);
  await NETWORK_KINDS['internet-gateway'].delete(contexts['internet-gateway'], igw.ref);
});

/** Every ingress rule as one comparable line: protocol ports source description. */
function ingressLines(permissions: IpPermission[] | undefined): string[] {
  return (permissions ?? [])
    .flatMap((p) => [
      ...(p.IpRanges ?? []).map((range) => `${p.IpProtocol} ${p.FromPort}-${p.ToPort} ${range.CidrIp} ${range.Description}`),
      ...(p.UserIdGroupPairs ?? []).map((pair) => `${p.IpProtocol} ${p.FromPort}-${p.ToPort} ${pair.GroupId} ${pair.Description}`),
    ])
    .sort();
}

const WEB_RULES = [
  { protocol: 'tcp' as const, fromPort: 443, toPort: 443, cidr: '0.0.0.0/0', description: 'HTTPS to the stack' },
  { protocol: 'tcp' as const, fromPort: 80, toPort: 80, cidr: '0.0.0.0/0', description: 'HTTP, redirected to HTTPS' },
  { protocol: 'tcp' as const, fromPort: 22, toPort: 22, cidr: '203.0.113.0/24', description: 'SSH (--ssh-cidr)' },
];

test('security-group: named gm-<name>-<step>, exactly the requested rules (configure twice), SG-sourced NFS rule, deleted idempotently', async () => {
  const ctx = contexts['security-group'];
  const kind = NETWORK_KINDS['security-group'];
  const webInput = { vpcId: sharedVpc.ref.id, description: "GeuseMaker net-kinds: the stack's reverse proxy → n8n", ingress: WEB_RULES };
  const web = await kind.create(ctx, webInput, { stepId: 'sg-instance', token: 't' });
  expect(web).toEqual({ ref: { kind: 'security-group', id: expect.stringMatching(/^sg-[0-9a-f]+$/) }, outputs: { groupId: web.ref.id } });
  expect(await kind.configure?.(ctx, webInput, web)).toEqual({});
  expect(await kind.configure?.(ctx, webInput, web)).toEqual({});

  const [group] = await check.ec2.describeSecurityGroups({ GroupIds: [web.ref.id] });
  expectGmTags(identity, group?.Tags, 'sg-instance');
  expect([group?.GroupName, group?.VpcId]).toEqual(['gm-net-kinds-sg-instance', sharedVpc.ref.id]);
  expect(group?.Description).toBe('GeuseMaker net-kinds: the stacks reverse proxy n8n'); // EC2 rejects ' and →
  expect(ingressLines(group?.IpPermissions)).toEqual([
    'tcp 22-22 203.0.113.0/24 SSH (--ssh-cidr)',
    'tcp 443-443 0.0.0.0/0 HTTPS to the stack',
    'tcp 80-80 0.0.0.0/0 HTTP, redirected to HTTPS',
  ]);
  const worldOpenPorts = (group?.IpPermissions ?? []).filter((p) => p.IpRanges?.some((r) => r.CidrIp === '0.0.0.0/0')).map((p) => p.FromPort);
  expect(worldOpenPorts.sort()).toEqual([443, 80]);

  const nfs = { protocol: 'tcp' as const, fromPort: 2049, toPort: 2049, sourceSecurityGroupId: web.ref.id, description: 'NFS from the gm instance' };
  const efsInput = { vpcId: sharedVpc.ref.id, description: 'NFS from the instance only', ingress: [nfs] };
  const efs = await kind.create(ctx, efsInput, { stepId: 'sg-efs', token: 't' });
  await kind.configure?.(ctx, efsInput, efs);
  const [efsGroup] = await check.ec2.describeSecurityGroups({ GroupIds: [efs.ref.id] });
  expect(ingressLines(efsGroup?.IpPermissions)).toEqual([`tcp 2049-2049 ${web.ref.id} NFS from the gm instance`]);

  await expectFoundAgain(kind, ctx, 'sg-instance', web);
  await expectDeletedIdempotently(kind, ctx, 'sg-efs', efs.ref); // first: it references the instance group
  await expectDeletedIdempotently(kind, ctx, 'sg-instance', web.ref);
});

test('security-group: rules partly there already are completed; a taken name is adopted only when it is ours', async () => {
  const ctx = contexts['security-group'];
  const kind = NETWORK_KINDS['security-group'];
  const input = { vpcId: sharedVpc.ref.id, description: 'partial', ingress: WEB_RULES };
  const created = await kind.create(ctx, input, { stepId: 'sg-partial', token: 't' });
  const http = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTP, redirected to HTTPS' }] };
  await check.ec2.authorizeSecurityGroupIngress({ GroupId: created.ref.id, IpPermissions: [http] });

  await kind.configure?.(ctx, input, created);
  const [group] = await check.ec2.describeSecurityGroups({ GroupIds: [created.ref.id] });
  expect(ingressLines(group?.IpPermissions)).toHaveLength(3);

  // A resume whose journal lost the id: CreateSecurityGroup says Duplicate, and the tags prove the group is ours.
  expect(await kind.create(ctx, input, { stepId: 'sg-partial', token: 't' })).toEqual(created);
  const stranger = { ...ctx, identity: { ...identity, deploymentId: 'another-deployment' } };
  const taken = await rejection(kind.create(stranger, input, { stepId: 'sg-partial', token: 't' }));
  expect([taken.code, awsErrorName(taken)]).toEqual(['SECURITY_GROUP_NAME_TAKEN', 'InvalidGroup.Duplicate']);
  await kind.delete(ctx, created.ref);
});

test('elastic-ip: allocated in the VPC domain with tags, found again, released idempotently', async () => {
  const ctx = contexts['elastic-ip'];
  const kind = NETWORK_KINDS['elastic-ip'];
  const created = await kind.create(ctx, {}, { stepId: 'elastic-ip', token: 't' });
  expect(created).toEqual({
    ref: { kind: 'elastic-ip', id: expect.stringMatching(/^eipalloc-[0-9a-f]+$/) },
    outputs: { allocationId: created.ref.id, publicIp: expect.stringMatching(/^\d{1,3}(\.\d{1,3}){3}$/) },
  });
  const [address] = await check.ec2.describeAddresses({ AllocationIds: [created.ref.id] });
  expectGmTags(identity, address?.Tags, 'elastic-ip');
  expect([address?.Domain, address?.PublicIp, address?.AssociationId]).toEqual(['vpc', created.outputs.publicIp, undefined]);

  await expectFoundAgain(kind, ctx, 'elastic-ip', created);
  await expectDeletedIdempotently(kind, ctx, 'elastic-ip', created.ref);
});

test('findByTag warns when a crash left two resources for one step, and adopts one of them', async () => {
  const ctx = contexts['elastic-ip'];
  const first = await NETWORK_KINDS['elastic-ip'].create(ctx, {}, { stepId: 'eip-twice', token: 't' });
  const second = await NETWORK_KINDS['elastic-ip'].create(ctx, {}, { stepId: 'eip-twice', token: 't' });

  const found = await NETWORK_KINDS['elastic-ip'].findByTag(ctx, { stepId: 'eip-twice', token: 't' }, {});

  expect([first.ref.id, second.ref.id]).toContain(found?.ref.id);
  expect(ctx.warnings).toEqual([expect.stringContaining('Found 2 Elastic IPs tagged for the same step')]);
  ctx.warnings.length = 0;
  await Promise.all([first, second].map((created) => NETWORK_KINDS['elastic-ip'].delete(ctx, created.ref)));
});

test('iamActions list exactly the EC2 actions each kind called (plus ec2:CreateTags, which tag-on-create needs)', async () => {
  // Only the Elastic IP's disassociation went unexercised: no instance held the address.
  const unexercised: Partial<Record<NetworkKindName, string[]>> = { 'elastic-ip': ['ec2:DisassociateAddress'] };
  for (const name of KIND_NAMES) {
    const called = [...new Set((await ec2Operations(keyOf(name))).map((operation) => `ec2:${operation}`))].sort();
    const declared = NETWORK_KINDS[name].iamActions.filter((action) => action !== 'ec2:CreateTags' && !(unexercised[name] ?? []).includes(action));
    expect({ name, called }).toEqual({ name, called: [...declared].sort() });
    expect(NETWORK_KINDS[name].iamActions).toContain('ec2:CreateTags');
  }
});
