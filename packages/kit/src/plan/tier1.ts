import type { InputValue } from '../resources/types.js';
import type { DeploymentSpec } from '../spec/types.js';
import { secretsParameterName, ssmPrefixFor } from '../stack/index.js';
import { subnetCidrs } from './subnet-cidrs.js';
import type { Plan, PlanStep } from './types.js';

/** One place to try launching the instance, in fallback order (next AZ, next type, then on-demand). */
export interface PlannedPlacement {
  availabilityZone: string;
  instanceType: string;
  market: 'spot' | 'on-demand';
}

/** What the user passed by id, already described (preflight), so the plan knows e.g. each reused subnet's AZ. */
export interface ReusedNetwork {
  vpc?: { vpcId: string };
  subnets?: { subnetId: string; availabilityZone: string }[];
  securityGroupId?: string;
  /**
   * The user's EFS file system (described in preflight), and the AZs that already hold one of its mount targets:
   * gm adds a mount target only for a subnet whose AZ has none, and never touches the file system itself.
   */
  efs?: { fileSystemId: string; mountTargetZones: string[] };
}

export interface Tier1PlanInput {
  spec: DeploymentSpec;
  region: string;
  deploymentId: string;
  /** Two AZ names for new subnets, in preference order. Ignored when subnets are reused. */
  availabilityZones: string[];
  placements: PlannedPlacement[];
  reused: ReusedNetwork;
  os: 'al2023' | 'ubuntu2404';
  architecture: 'x86_64' | 'arm64';
  rootVolumeGiB: number;
}

const ref = (stepId: string, output: string): InputValue => ({ $ref: `${stepId}.${output}` });

function step(id: string, kind: PlanStep['kind'], title: string, dependsOn: string[], input: Record<string, InputValue>): PlanStep {
  return { id, kind, action: 'create', title, dependsOn, input };
}

function reuse(id: string, kind: PlanStep['kind'], title: string, reuseId: string): PlanStep {
  return { id, kind, action: 'reuse', title, dependsOn: [], input: {}, reuseId };
}

/** VPC, IGW, two public subnets and their route table — or the user's VPC and subnets, recorded as reused. */
function networkSteps(input: Tier1PlanInput): { steps: PlanStep[]; subnets: { stepId: string; availabilityZone: string }[] } {
  const { spec, reused } = input;
  const steps: PlanStep[] = [];
  if (reused.vpc !== undefined) steps.push(reuse('vpc', 'vpc', `VPC ${reused.vpc.vpcId} (yours)`, reused.vpc.vpcId));
  else steps.push(step('vpc', 'vpc', `VPC ${spec.cidr}`, [], { cidr: spec.cidr }));
  if (reused.subnets !== undefined && reused.subnets.length > 0) {
    const subnets = reused.subnets.map((subnet, index) => ({ stepId: `subnet-${index + 1}`, availabilityZone: subnet.availabilityZone }));
    reused.subnets.forEach((subnet, index) => steps.push(reuse(`subnet-${index + 1}`, 'subnet', `subnet ${subnet.subnetId} (yours)`, subnet.subnetId)));
    return { steps, subnets };
  }
  const cidrs = subnetCidrs(spec.cidr);
  const subnets = input.availabilityZones.slice(0, 2).map((availabilityZone, index) => ({ stepId: `subnet-${index + 1}`, availabilityZone }));
  steps.push(step('internet-gateway', 'internet-gateway', 'internet gateway', ['vpc'], { vpcId: ref('vpc', 'vpcId') }));
  subnets.forEach((subnet, index) =>
    steps.push(
      step(subnet.stepId, 'subnet', `public subnet ${cidrs[index]} in ${subnet.availabilityZone}`, ['vpc'], {
        vpcId: ref('vpc', 'vpcId'),
        cidr: cidrs[index] ?? '',
        availabilityZone: subnet.availabilityZone,
      }),
    ),
  );
  steps.push(
    step('route-table', 'route-table', 'route table 0.0.0.0/0 → internet gateway', ['vpc', 'internet-gateway', ...subnets.map((s) => s.stepId)], {
      vpcId: ref('vpc', 'vpcId'),
      internetGatewayId: ref('internet-gateway', 'internetGatewayId'),
      subnetIds: subnets.map((s) => ref(s.stepId, 'subnetId')),
    }),
  );
  return { steps, subnets };
}

function ingressRules(spec: DeploymentSpec): InputValue[] {
  const web = [443, 80].map((port) => ({ protocol: 'tcp', fromPort: port, toPort: port, cidr: spec.allowedCidr, description: port === 443 ? 'HTTPS to the stack' : 'HTTP, redirected to HTTPS' }));
  const ssh = spec.sshCidr === undefined ? [] : [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: spec.sshCidr, description: 'SSH (--ssh-cidr)' }];
  return [...web, ...ssh];
}

function securitySteps(input: Tier1PlanInput, needsEfsGroup: boolean): PlanStep[] {
  const steps: PlanStep[] = [
    step('sg-instance', 'security-group', `instance security group (443/80 from ${input.spec.allowedCidr}${input.spec.sshCidr ? `, 22 from ${input.spec.sshCidr}` : ''})`, ['vpc'], {
      vpcId: ref('vpc', 'vpcId'),
      description: `GeuseMaker ${input.spec.name}: reverse proxy of the stack`,
      ingress: ingressRules(input.spec),
    }),
  ];
  if (needsEfsGroup) {
    steps.push(step('sg-efs', 'security-group', 'EFS security group (2049 from the instance group only)', ['vpc', 'sg-instance'], {
      vpcId: ref('vpc', 'vpcId'),
      description: `GeuseMaker ${input.spec.name}: NFS from the instance only`,
      ingress: [{ protocol: 'tcp', fromPort: 2049, toPort: 2049, sourceSecurityGroupId: ref('sg-instance', 'groupId'), description: 'NFS from the gm instance' }],
    }));
  }
  if (input.reused.securityGroupId !== undefined) {
    steps.push(reuse('sg-reused', 'security-group', `security group ${input.reused.securityGroupId} (yours, attached beside gm's)`, input.reused.securityGroupId));
  }
  return steps;
}

/** The subnets (with their index, so step ids stay `mount-target-<subnet number>`) that need a gm mount target. */
function subnetsNeedingMountTarget(input: Tier1PlanInput, subnets: { stepId: string; availabilityZone: string }[]): { stepId: string; availabilityZone: string; index: number }[] {
  const covered = new Set(input.reused.efs?.mountTargetZones ?? []);
  return subnets.map((subnet, index) => ({ ...subnet, index })).filter((subnet) => !covered.has(subnet.availabilityZone));
}

function storageSteps(input: Tier1PlanInput, subnets: { stepId: string; availabilityZone: string; index: number }[]): PlanStep[] {
  const efs = input.reused.efs;
  return [
    efs === undefined
      ? step('efs', 'efs-file-system', 'EFS file system (encrypted)', [], { encrypted: true })
      : reuse('efs', 'efs-file-system', `EFS file system ${efs.fileSystemId} (yours)`, efs.fileSystemId),
    ...subnets.map(({ index, ...subnet }) =>
      step(`mount-target-${index + 1}`, 'efs-mount-target', `EFS mount target in ${subnet.availabilityZone}`, ['efs', subnet.stepId, 'sg-efs'], {
        fileSystemId: ref('efs', 'fileSystemId'),
        subnetId: ref(subnet.stepId, 'subnetId'),
        securityGroupId: ref('sg-efs', 'groupId'),
      }),
    ),
  ];
}

function identitySteps(input: Tier1PlanInput): PlanStep[] {
  const prefix = ssmPrefixFor(input.spec.name);
  return [
    step('secrets', 'ssm-secrets', `secrets (one SSM SecureString, ${secretsParameterName(prefix)})`, [], { prefix }),
    step('iam-role', 'iam-role', 'instance role (SSM core, this deployment\'s secrets, this EFS only)', ['efs'], {
      ssmParameterPrefix: prefix,
      efsFileSystemArn: ref('efs', 'fileSystemArn'),
      region: input.region,
    }),
    step('instance-profile', 'instance-profile', 'instance profile', ['iam-role'], { roleName: ref('iam-role', 'roleName') }),
  ];
}

function instanceStep(input: Tier1PlanInput, subnets: { stepId: string; availabilityZone: string }[], dependsOn: string[]): PlanStep {
  const subnetByAz = new Map(subnets.map((subnet) => [subnet.availabilityZone, subnet.stepId]));
  const placements = input.placements
    .filter((placement) => subnetByAz.has(placement.availabilityZone))
    .map((placement) => ({ ...placement, subnetId: ref(subnetByAz.get(placement.availabilityZone) ?? '', 'subnetId') }));
  const securityGroupIds = [ref('sg-instance', 'groupId'), ...(input.reused.securityGroupId === undefined ? [] : [ref('sg-reused', 'groupId')])];
  const first = input.placements[0];
  const title = first === undefined ? 'EC2 instance' : `EC2 instance ${first.instanceType} (${first.market}) + Elastic IP`;
  return step('instance', 'instance', title, dependsOn, {
    placements,
    securityGroupIds,
    instanceProfileArn: ref('instance-profile', 'instanceProfileArn'),
    allocationId: ref('elastic-ip', 'allocationId'),
    publicIp: ref('elastic-ip', 'publicIp'),
    os: input.os,
    architecture: input.architecture,
    rootVolumeGiB: input.rootVolumeGiB,
    ...(input.spec.keyName === undefined ? {} : { keyName: input.spec.keyName }),
    stack: { name: input.spec.name, tier: 'tier1', region: input.region, efsFileSystemId: ref('efs', 'fileSystemId'), models: input.spec.models, images: input.spec.images, os: input.os },
  });
}

/**
 * The tier-1 plan (pure): network (new or reused), security groups, EFS (new or reused) with a mount target per
 * subnet whose AZ has none yet (the EFS group only when gm adds one), secrets,
 * the instance role and profile, an Elastic IP and the instance. Independent branches (EFS, IAM, secrets, network)
 * have no edges between them, so the engine runs them in parallel.
 */
export function buildTier1Plan(input: Tier1PlanInput): Plan {
  const network = networkSteps(input);
  const mountTargetSubnets = subnetsNeedingMountTarget(input, network.subnets);
  const storage = storageSteps(input, mountTargetSubnets);
  const beforeInstance = [
    ...network.steps.map((s) => s.id),
    'sg-instance',
    ...(input.reused.securityGroupId === undefined ? [] : ['sg-reused']),
    ...storage.map((s) => s.id),
    'secrets',
    'instance-profile',
    'elastic-ip',
  ];
  const steps = [
    ...network.steps,
    ...securitySteps(input, mountTargetSubnets.length > 0),
    ...storage,
    ...identitySteps(input),
    step('elastic-ip', 'elastic-ip', 'Elastic IP (keeps the address across spot stop/start)', [], {}),
  ];
  steps.push(instanceStep(input, network.subnets, [...new Set(beforeInstance)]));
  return { deploymentName: input.spec.name, deploymentId: input.deploymentId, tier: 'tier1', region: input.region, steps };
}
