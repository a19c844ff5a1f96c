import { criticalPath, referencedSteps, topologicalOrder } from '@geusemaker/kit/engine';
import { buildTier1Plan, subnetCidrs, type Tier1PlanInput } from '@geusemaker/kit/plan';
import type { DeploymentSpec } from '@geusemaker/kit/spec';

const spec: DeploymentSpec = {
  name: 't1',
  tier: 'tier1',
  market: 'auto',
  allowedCidr: '0.0.0.0/0',
  cidr: '10.42.0.0/16',
  tags: {},
  models: ['llama3.2:1b'],
  images: {},
};

const base: Tier1PlanInput = {
  spec,
  region: 'us-east-1',
  deploymentId: 'd-1',
  availabilityZones: ['us-east-1a', 'us-east-1b'],
  placements: [
    { availabilityZone: 'us-east-1a', instanceType: 't3.large', market: 'spot' },
    { availabilityZone: 'us-east-1b', instanceType: 't3.large', market: 'spot' },
    { availabilityZone: 'us-east-1c', instanceType: 't3.large', market: 'spot' },
    { availabilityZone: 'us-east-1a', instanceType: 't3.large', market: 'on-demand' },
  ],
  reused: {},
  os: 'al2023',
  architecture: 'x86_64',
  rootVolumeGiB: 30,
};

describe('subnetCidrs', () => {
  it.each([
    ['10.42.0.0/16', ['10.42.1.0/24', '10.42.2.0/24']],
    ['10.0.0.0/23', ['10.0.1.0/24', '10.0.2.0/24']],
    ['192.168.0.0/24', ['192.168.0.0/26', '192.168.0.64/26']],
  ])('%s → %j', (vpc, expected) => expect(subnetCidrs(vpc)).toEqual(expected));
});

describe('buildTier1Plan', () => {
  it('creates the whole tier-1 graph with the expected dependencies', () => {
    const plan = buildTier1Plan(base);
    expect(plan.steps.map((s) => `${s.id}<-${s.dependsOn.join(',')}`)).toEqual([
      'vpc<-',
      'internet-gateway<-vpc',
      'subnet-1<-vpc',
      'subnet-2<-vpc',
      'route-table<-vpc,internet-gateway,subnet-1,subnet-2',
      'sg-instance<-vpc',
      'sg-efs<-vpc,sg-instance',
      'efs<-',
      'mount-target-1<-efs,subnet-1,sg-efs',
      'mount-target-2<-efs,subnet-2,sg-efs',
      'secrets<-',
      'iam-role<-efs',
      'instance-profile<-iam-role',
      'elastic-ip<-',
      'instance<-vpc,internet-gateway,subnet-1,subnet-2,route-table,sg-instance,efs,mount-target-1,mount-target-2,secrets,instance-profile,elastic-ip',
    ]);
    expect(plan.steps.every((s) => s.action === 'create')).toBe(true);
    expect(topologicalOrder(plan.steps)).toHaveLength(15);
    // every $ref points at a declared dependency
    for (const s of plan.steps) for (const id of referencedSteps(s.input)) expect(s.dependsOn).toContain(id);
  });

  it('opens only 443 and 80 to allowedCidr; 22 only with sshCidr; EFS only from the instance group', () => {
    const rules = (p: ReturnType<typeof buildTier1Plan>, id: string) => p.steps.find((s) => s.id === id)?.input.ingress;
    expect(rules(buildTier1Plan(base), 'sg-instance')).toEqual([
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidr: '0.0.0.0/0', description: 'HTTPS to the stack' },
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidr: '0.0.0.0/0', description: 'HTTP, redirected to HTTPS' },
    ]);
    const withSsh = buildTier1Plan({ ...base, spec: { ...spec, sshCidr: '203.0.113.0/24' } });
    expect(rules(withSsh, 'sg-instance')).toContainEqual({ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '203.0.113.0/24', description: 'SSH (--ssh-cidr)' });
    expect(rules(buildTier1Plan(base), 'sg-efs')).toEqual([
      { protocol: 'tcp', fromPort: 2049, toPort: 2049, sourceSecurityGroupId: { $ref: 'sg-instance.groupId' }, description: 'NFS from the gm instance' },
    ]);
  });

  it('keeps only placements in AZs that have a subnet, in order, each pointing at its subnet', () => {
    const instance = buildTier1Plan(base).steps.find((s) => s.id === 'instance');
    expect(instance?.input.placements).toEqual([
      { availabilityZone: 'us-east-1a', instanceType: 't3.large', market: 'spot', subnetId: { $ref: 'subnet-1.subnetId' } },
      { availabilityZone: 'us-east-1b', instanceType: 't3.large', market: 'spot', subnetId: { $ref: 'subnet-2.subnetId' } },
      { availabilityZone: 'us-east-1a', instanceType: 't3.large', market: 'on-demand', subnetId: { $ref: 'subnet-1.subnetId' } },
    ]);
  });

  it('records a user VPC, subnets and security group as reused, creating no IGW or route table', () => {
    const plan = buildTier1Plan({
      ...base,
      reused: { vpc: { vpcId: 'vpc-123' }, subnets: [{ subnetId: 'subnet-9', availabilityZone: 'us-east-1c' }], securityGroupId: 'sg-7' },
    });
    const reused = plan.steps.filter((s) => s.action === 'reuse').map((s) => `${s.id}=${s.reuseId}`);
    expect(reused).toEqual(['vpc=vpc-123', 'subnet-1=subnet-9', 'sg-reused=sg-7']);
    expect(plan.steps.map((s) => s.id)).not.toContain('internet-gateway');
    expect(plan.steps.map((s) => s.id)).not.toContain('route-table');
    const instance = plan.steps.find((s) => s.id === 'instance');
    expect(instance?.input.securityGroupIds).toEqual([{ $ref: 'sg-instance.groupId' }, { $ref: 'sg-reused.groupId' }]);
    expect(instance?.input.placements).toEqual([{ availabilityZone: 'us-east-1c', instanceType: 't3.large', market: 'spot', subnetId: { $ref: 'subnet-1.subnetId' } }]);
  });

  it('records a user EFS as reused and adds a mount target only where its AZ has none', () => {
    const plan = buildTier1Plan({
      ...base,
      reused: {
        vpc: { vpcId: 'vpc-123' },
        subnets: [{ subnetId: 'subnet-a', availabilityZone: 'us-east-1a' }, { subnetId: 'subnet-b', availabilityZone: 'us-east-1b' }],
        efs: { fileSystemId: 'fs-1', mountTargetZones: ['us-east-1a'] },
      },
    });
    expect(plan.steps.filter((s) => s.action === 'reuse').map((s) => `${s.id}=${s.reuseId}`)).toEqual(['vpc=vpc-123', 'subnet-1=subnet-a', 'subnet-2=subnet-b', 'efs=fs-1']);
    const mountTargets = plan.steps.filter((s) => s.kind === 'efs-mount-target');
    expect(mountTargets.map((s) => `${s.id}<-${s.dependsOn.join(',')}`)).toEqual(['mount-target-2<-efs,subnet-2,sg-efs']);
    expect(plan.steps.find((s) => s.id === 'iam-role')?.input.efsFileSystemArn).toEqual({ $ref: 'efs.fileSystemArn' });
    expect(plan.steps.find((s) => s.id === 'instance')?.dependsOn).toEqual(expect.arrayContaining(['efs', 'mount-target-2']));
    for (const s of plan.steps) for (const id of referencedSteps(s.input)) expect(s.dependsOn).toContain(id);
    expect(topologicalOrder(plan.steps)).toHaveLength(plan.steps.length);
  });

  it('with a mount target of the reused EFS in every subnet AZ, creates no mount target and no EFS group', () => {
    const plan = buildTier1Plan({
      ...base,
      reused: { vpc: { vpcId: 'vpc-123' }, subnets: [{ subnetId: 'subnet-a', availabilityZone: 'us-east-1a' }], efs: { fileSystemId: 'fs-1', mountTargetZones: ['us-east-1a', 'us-east-1c'] } },
    });
    const ids = plan.steps.map((s) => s.id);
    expect(ids).not.toContain('sg-efs');
    expect(ids.filter((id) => id.startsWith('mount-target'))).toEqual([]);
    for (const s of plan.steps) for (const id of s.dependsOn) expect(ids).toContain(id);
  });

  it('the network chain is the critical path: EFS, IAM and secrets run beside it', () => {
    const path = criticalPath(buildTier1Plan(base).steps, () => 1);
    expect(path.chain).toEqual(['vpc', 'sg-instance', 'sg-efs', 'mount-target-1', 'instance']);
  });
});
