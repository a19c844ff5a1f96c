import { offeredAzIds, offeringsFromPriceBook } from '@geusemaker/kit/pricing';
import type { ReusedNetworkAnswer, WizardAnswers } from './answers.js';
import type { DiscoveredFileSystem, DiscoveredSubnet, DiscoveredVpc, NetworkCatalog } from './catalog.js';
import { askChoice, type WizardContext, type WizardStep } from './context.js';

const NONE = 'none';

/** Why a VPC cannot take a tier-1 deployment, or undefined when it can. */
function vpcProblem(vpc: DiscoveredVpc): string | undefined {
  if (!vpc.hasInternetGateway) return 'no internet gateway attached';
  if (vpc.managedFor !== undefined) return `created by gm for "${vpc.managedFor}" (destroying that deployment would delete it)`;
  return undefined;
}

/** Why a subnet cannot hold the instance, or undefined when it can. */
function subnetProblem(ctx: WizardContext, answers: WizardAnswers, subnet: DiscoveredSubnet): string | undefined {
  if (!subnet.isPublic) return 'no route to an internet gateway';
  const type = answers.instanceType;
  if (type === undefined || type === 'auto') return undefined;
  const region = answers.region ?? ctx.defaultRegion;
  const offered = offeredAzIds(offeringsFromPriceBook(ctx.book, [region]), region, type);
  return offered.length > 0 && !offered.includes(subnet.availabilityZoneId) ? `${type} is not offered in ${subnet.availabilityZone}` : undefined;
}

/** An EFS serves the VPC of its mount targets; one without any can be mounted anywhere. */
function fileSystemProblem(fs: DiscoveredFileSystem, vpcId: string): string | undefined {
  const foreign = fs.mountTargetVpcIds.find((id) => id !== vpcId);
  return foreign === undefined ? undefined : `its mount targets are in ${foreign}`;
}

function listIncompatible<T>(items: readonly T[], problem: (item: T) => string | undefined, label: (item: T) => string): string {
  const lines = items.flatMap((item) => {
    const why = problem(item);
    return why === undefined ? [] : [`${label(item)}: ${why}`];
  });
  return lines.length === 0 ? '' : ` Not usable: ${lines.join('; ')}.`;
}

async function pickVpc(ctx: WizardContext, catalog: NetworkCatalog): Promise<DiscoveredVpc | undefined> {
  const vpcs = await catalog.vpcs();
  const usable = vpcs.filter((vpc) => vpcProblem(vpc) === undefined);
  if (usable.length === 0) return undefined;
  const vpcId = await askChoice(ctx, {
    message: 'VPC to reuse',
    flag: '--vpc-id',
    initial: (usable.find((vpc) => vpc.isDefault) ?? usable[0])?.vpcId,
    help: `Listed: VPCs with an internet gateway. gm never modifies or deletes what you reuse.${listIncompatible(vpcs, vpcProblem, (vpc) => vpc.vpcId)}`,
    choices: usable.map((vpc) => ({ value: vpc.vpcId, label: vpc.label, hint: 'internet gateway ✓' })),
  });
  return usable.find((vpc) => vpc.vpcId === vpcId);
}

async function pickSubnet(ctx: WizardContext, answers: WizardAnswers, catalog: NetworkCatalog, vpcId: string): Promise<string | undefined> {
  const subnets = await catalog.subnets(vpcId);
  const problem = (subnet: DiscoveredSubnet): string | undefined => subnetProblem(ctx, answers, subnet);
  const usable = subnets.filter((subnet) => problem(subnet) === undefined);
  if (usable.length === 0) return undefined;
  return askChoice(ctx, {
    message: 'Public subnet for the instance',
    flag: '--subnet-id',
    initial: usable[0]?.subnetId,
    help: `Listed: subnets routed to an internet gateway where the instance type is offered.${listIncompatible(subnets, problem, (s) => s.subnetId)}`,
    choices: usable.map((subnet) => ({ value: subnet.subnetId, label: subnet.label, hint: 'public ✓' })),
  });
}

async function pickExtras(ctx: WizardContext, catalog: NetworkCatalog, vpcId: string): Promise<Pick<ReusedNetworkAnswer, 'securityGroupId' | 'efsId'>> {
  const [groups, fileSystems] = await Promise.all([catalog.securityGroups(vpcId), catalog.fileSystems()]);
  const groupId = await askChoice(ctx, {
    message: 'Also attach one of your security groups?',
    flag: '--security-group-id',
    initial: NONE,
    help: "gm always creates its own group (HTTPS only); yours is attached beside it, e.g. to let your other hosts in.",
    choices: [{ value: NONE, label: 'no: only gm\'s own group' }, ...groups.map((group) => ({ value: group.groupId, label: group.label }))],
  });
  const usable = fileSystems.filter((fs) => fileSystemProblem(fs, vpcId) === undefined);
  const efsId = await askChoice(ctx, {
    message: 'EFS for the data',
    flag: '--efs-id',
    initial: NONE,
    help: `Reusing an EFS keeps its data; gm adds a mount target where needed.${listIncompatible(fileSystems, (fs) => fileSystemProblem(fs, vpcId), (fs) => fs.fileSystemId)}`,
    choices: [{ value: NONE, label: 'create a new encrypted EFS' }, ...usable.map((fs) => ({ value: fs.fileSystemId, label: fs.label, hint: `usable from ${vpcId} ✓` }))],
  });
  return { ...(groupId === NONE ? {} : { securityGroupId: groupId }), ...(efsId === NONE ? {} : { efsId }) };
}

async function reuseNetwork(ctx: WizardContext, answers: WizardAnswers): Promise<WizardAnswers['network']> {
  const catalog = ctx.catalog(answers.region ?? ctx.defaultRegion);
  const vpc = await pickVpc(ctx, catalog);
  if (vpc === undefined) {
    ctx.say('No VPC here can be reused (none has an internet gateway); gm will create a new network.');
    return 'new';
  }
  const subnetId = await pickSubnet(ctx, answers, catalog, vpc.vpcId);
  if (subnetId === undefined) {
    ctx.say(`${vpc.vpcId} has no public subnet where the instance type is offered; gm will create a new network.`);
    return 'new';
  }
  return { vpcId: vpc.vpcId, subnetIds: [subnetId], ...(await pickExtras(ctx, catalog, vpc.vpcId)) };
}

const networkStep: WizardStep = {
  id: 'network',
  async ask(ctx, answers) {
    const mode = await askChoice(ctx, {
      message: 'Network',
      flag: '--vpc-id / --subnet-id',
      initial: 'new',
      help: 'new: gm creates a VPC, two public subnets, an internet gateway and an EFS, and deletes them on destroy. reuse: pick what exists (looked up now).',
      choices: [
        { value: 'new', label: 'create a new VPC, subnets and EFS' },
        { value: 'reuse', label: 'reuse a VPC and subnet that exist (and optionally a security group and EFS)' },
      ],
    });
    return { network: mode === 'new' ? 'new' : await reuseNetwork(ctx, answers) };
  },
};

export const NETWORK_STEPS: readonly WizardStep[] = [networkStep];
