import type { AwsContext } from '@geusemaker/kit/aws';
import { TAG } from '@geusemaker/kit/resources';
import { errorEnvelope, successEnvelope } from './expect-inventory.js';
import { sandbox, type Sandbox } from './helpers.js';

interface Issue {
  pointer: string;
  message: string;
  fix: string;
}

interface DeployResult {
  resources: { step: string; kind: string; id: string; reused: boolean }[];
}

let cidrCounter = 0;

/** A VPC of someone else's (not gm's) with subnets in `zones`; `public` adds an IGW and a 0.0.0.0/0 route table. */
async function foreignNetwork(aws: AwsContext, zones: string[], options: { public: boolean }): Promise<{ vpcId: string; subnetIds: string[] }> {
  const second = (cidrCounter++ % 200) + 20;
  const vpc = await aws.ec2.createVpc({ CidrBlock: `10.${second}.0.0/16`, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'owner', Value: 'someone-else' }] }] });
  const vpcId = vpc.Vpc?.VpcId ?? '';
  const subnetIds: string[] = [];
  for (const [index, zone] of zones.entries()) {
    const subnet = await aws.ec2.createSubnet({ VpcId: vpcId, CidrBlock: `10.${second}.${index + 1}.0/24`, AvailabilityZone: zone });
    subnetIds.push(subnet.Subnet?.SubnetId ?? '');
  }
  if (options.public) {
    const igw = await aws.ec2.createInternetGateway({});
    const igwId = igw.InternetGateway?.InternetGatewayId ?? '';
    await aws.ec2.attachInternetGateway({ InternetGatewayId: igwId, VpcId: vpcId });
    const table = await aws.ec2.createRouteTable({ VpcId: vpcId });
    const tableId = table.RouteTable?.RouteTableId ?? '';
    await aws.ec2.createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
    for (const subnetId of subnetIds) await aws.ec2.associateRouteTable({ RouteTableId: tableId, SubnetId: subnetId });
  }
  return { vpcId, subnetIds };
}

async function foreignEfs(aws: AwsContext, box: Sandbox, mountTargetSubnetId: string): Promise<{ fileSystemId: string; mountTargetId: string }> {
  const fileSystem = await aws.efs.createFileSystem({ CreationToken: `theirs-${box.name}`, Encrypted: true, Tags: [{ Key: 'owner', Value: 'someone-else' }] });
  const fileSystemId = fileSystem.FileSystemId ?? '';
  const target = await aws.efs.createMountTarget({ FileSystemId: fileSystemId, SubnetId: mountTargetSubnetId });
  return { fileSystemId, mountTargetId: target.MountTargetId ?? '' };
}

/** The run exits 3 with `code`, an issue at `pointer` whose message contains `problem` and has a fix, and nothing of the deployment exists. */
async function expectRefused(box: Sandbox, args: string[], code: string, pointer: string, problem: string): Promise<Issue> {
  const run = await box.gm(['deploy', 'tier1', '--name', box.name, ...args, '--yes', '--json']);
  const envelope = errorEnvelope(run, 3);
  expect(envelope.error.code).toBe(code);
  expect(envelope.error.message).toContain(problem);
  const issues = (envelope.error as unknown as { issues: Issue[] }).issues;
  const issue = issues.find((candidate) => candidate.pointer === pointer && candidate.message.includes(problem));
  expect(issue).toBeDefined();
  expect(issue?.fix.length).toBeGreaterThan(10);
  expect(await box.inventory(box.name)).toEqual([]);
  return issue as Issue;
}

describe('gm deploy tier1: incompatible reuse exits 3 before anything is created', () => {
  it('a subnet without a route to an internet gateway', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const { vpcId, subnetIds: [subnetId = ''] } = await foreignNetwork(aws, ['us-east-1a'], { public: false });
    const issue = await expectRefused(box, ['--vpc-id', vpcId, '--subnet-id', subnetId], 'REUSE_INCOMPATIBLE', '/subnetIds/0', `${subnetId} has no route to an internet gateway`);
    expect(issue.fix).toContain('0.0.0.0/0');
  });

  it('a subnet of another VPC than --vpc-id', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const theirs = await foreignNetwork(aws, ['us-east-1a'], { public: true });
    const other = await foreignNetwork(aws, ['us-east-1b'], { public: true });
    const subnetId = theirs.subnetIds[0] ?? '';
    const issue = await expectRefused(box, ['--vpc-id', other.vpcId, '--subnet-id', subnetId], 'REUSE_INCOMPATIBLE', '/subnetIds/0', `${subnetId} is in ${theirs.vpcId}, not in --vpc-id ${other.vpcId}`);
    expect(issue.fix).toContain(other.vpcId);
  });

  it('a security group of another VPC', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const network = await foreignNetwork(aws, ['us-east-1a'], { public: true });
    const other = await foreignNetwork(aws, [], { public: false });
    const group = await aws.ec2.createSecurityGroup({ VpcId: other.vpcId, GroupName: `theirs-${box.name}`, Description: 'not gm' });
    const groupId = group.GroupId ?? '';
    await expectRefused(
      box,
      ['--vpc-id', network.vpcId, '--subnet-id', network.subnetIds[0] ?? '', '--security-group-id', groupId],
      'REUSE_INCOMPATIBLE',
      '/securityGroupId',
      `security group ${groupId} is in another VPC (${other.vpcId}`,
    );
  });

  it("an instance type not offered in the subnet's AZ", async () => {
    const box = sandbox();
    const aws = await box.aws();
    // us-east-1e (use1-az3) offers only a few old types, t3.large not among them.
    const network = await foreignNetwork(aws, ['us-east-1e'], { public: true });
    await expectRefused(
      box,
      ['--vpc-id', network.vpcId, '--subnet-id', network.subnetIds[0] ?? '', '--instance-type', 't3.large'],
      'INSTANCE_TYPE_NOT_OFFERED',
      '/subnetIds/0',
      'instance type t3.large is not offered in us-east-1e',
    );
  });

  it('an EFS file system in another VPC', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const network = await foreignNetwork(aws, ['us-east-1a'], { public: true });
    const other = await foreignNetwork(aws, ['us-east-1a'], { public: false });
    const { fileSystemId } = await foreignEfs(aws, box, other.subnetIds[0] ?? '');
    const issue = await expectRefused(
      box,
      ['--vpc-id', network.vpcId, '--subnet-id', network.subnetIds[0] ?? '', '--efs-id', fileSystemId],
      'REUSE_INCOMPATIBLE',
      '/efsId',
      `EFS ${fileSystemId} is in another VPC`,
    );
    expect(issue.message).toContain(other.vpcId);
  });

  it('an unknown key pair (and no VPC: every check runs before anything is created)', async () => {
    const box = sandbox();
    const issue = await expectRefused(box, ['--key-name', `missing-${box.name}`, '--ssh-cidr', '203.0.113.0/24'], 'REUSE_NOT_FOUND', '/keyName', `key pair missing-${box.name} was not found`);
    expect(issue.fix).toContain('--key-name');
  });

  it('subnets of two VPCs without --vpc-id', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const one = await foreignNetwork(aws, ['us-east-1a'], { public: true });
    const two = await foreignNetwork(aws, ['us-east-1b'], { public: true });
    await expectRefused(box, ['--subnet-id', one.subnetIds[0] ?? '', '--subnet-id', two.subnetIds[0] ?? ''], 'REUSE_INCOMPATIBLE', '/subnetIds', 'the subnets are in different VPCs');
  });
});

describe('gm deploy tier1 --efs-id with a reused VPC and subnets', () => {
  it('adds a mount target only in the AZ that lacks one, and destroy removes only that', async () => {
    const box = sandbox();
    const aws = await box.aws();
    const network = await foreignNetwork(aws, ['us-east-1a', 'us-east-1b'], { public: true });
    const [first = '', second = ''] = network.subnetIds;
    const efs = await foreignEfs(aws, box, first);
    // No --vpc-id: the VPC is inferred from the subnets.
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--subnet-id', first, '--subnet-id', second, '--efs-id', efs.fileSystemId, '--yes', '--json', '--no-wait']);
    const { result } = successEnvelope<DeployResult>(run);
    expect(result.resources.filter((r) => r.reused).map((r) => r.id).sort()).toEqual([network.vpcId, first, second, efs.fileSystemId].sort());
    const added = result.resources.filter((r) => r.kind === 'efs-mount-target');
    expect(added).toHaveLength(1);
    const targets = await aws.efs.describeMountTargets({ FileSystemId: efs.fileSystemId });
    expect(targets.map((t) => t.SubnetId).sort()).toEqual([first, second].sort());
    expect(targets.find((t) => t.MountTargetId === added[0]?.id)?.SubnetId).toBe(second);
    // The instance role's inline policy names the reused file system's ARN.
    const roleName = result.resources.find((r) => r.kind === 'iam-role')?.id ?? '';
    const policies = await Promise.all((await aws.iam.listRolePolicies({ RoleName: roleName })).map((PolicyName) => aws.iam.getRolePolicy({ RoleName: roleName, PolicyName })));
    const [described] = await aws.efs.describeFileSystems({ FileSystemId: efs.fileSystemId });
    expect(policies.map((p) => decodeURIComponent(p.PolicyDocument ?? '')).join('\n')).toContain(described?.FileSystemArn ?? 'no arn');

    const destroyed = await box.gm(['destroy', box.name, '--yes', '--json']);
    successEnvelope(destroyed);
    expect(await box.inventory(box.name)).toEqual([]);
    const [fileSystem] = await aws.efs.describeFileSystems({ FileSystemId: efs.fileSystemId });
    expect(fileSystem?.LifeCycleState).toBe('available');
    expect((fileSystem?.Tags ?? []).map((t) => t.Key)).not.toContain(TAG.managedBy);
    const left = (await aws.efs.describeMountTargets({ FileSystemId: efs.fileSystemId })).filter((t) => t.LifeCycleState !== 'deleted' && t.LifeCycleState !== 'deleting');
    expect(left.map((t) => t.MountTargetId)).toEqual([efs.mountTargetId]);
    expect(await aws.ec2.describeSubnets({ SubnetIds: [first, second] })).toHaveLength(2);
  });
});
