import type { Subnet } from '../../aws/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { observedIn, pollUntil } from '../wait.js';
import { adoptFirst, ignoreNotFound, requireId, stepFilters, tagsAtCreation, unlessNotFound } from './common.js';

export type SubnetInput = { vpcId: string; cidr: string; availabilityZone: string };

/** Outputs: the AZ name for placement, and the AZ id, which is what spot placement scores and capacity are keyed by. */
function subnetCreated(subnet: Subnet | undefined): Created {
  const subnetId = requireId(subnet?.SubnetId, 'a subnet id');
  return {
    ref: { kind: 'subnet', id: subnetId },
    outputs: { subnetId, availabilityZone: subnet?.AvailabilityZone ?? '', availabilityZoneId: subnet?.AvailabilityZoneId ?? '' },
  };
}

async function describeSubnet(ctx: ResourceContext, subnetId: string): Promise<Subnet | undefined> {
  return (await unlessNotFound(() => ctx.aws.ec2.describeSubnets({ SubnetIds: [subnetId] })))?.[0];
}

/** A public subnet: instances launched in it get a public IP (the Elastic IP replaces it once associated). */
export const subnetKind: ResourceKind<SubnetInput> = {
  kind: 'subnet',
  iamActions: ['ec2:CreateSubnet', 'ec2:CreateTags', 'ec2:DescribeSubnets', 'ec2:DeleteSubnet'],

  async create(ctx, input, meta) {
    const { Subnet } = await ctx.aws.ec2.createSubnet({
      VpcId: input.vpcId,
      CidrBlock: input.cidr,
      AvailabilityZone: input.availabilityZone,
      TagSpecifications: tagsAtCreation(ctx, 'subnet', meta.stepId),
    });
    return { ...subnetCreated(Subnet), observed: { state: Subnet?.State ?? 'pending' } };
  },

  async waitReady(ctx, created) {
    // CreateSubnet may already have answered `available` (then there is nothing to wait for); on resume, always poll.
    if (observedIn(created, 'available')) return {};
    const { ref } = created;
    return pollUntil(ctx, `subnet ${ref.id} to become available`, async () =>
      (await describeSubnet(ctx, ref.id))?.State === 'available' ? {} : undefined,
    );
  },

  async findByTag(ctx, meta) {
    const subnets = await ctx.aws.ec2.describeSubnets({ Filters: stepFilters(ctx, meta.stepId) });
    const subnet = adoptFirst(ctx, subnets, 'subnet', (found) => found.SubnetId);
    return subnet === undefined ? undefined : subnetCreated(subnet);
  },

  async describe(ctx, id) {
    const subnet = await describeSubnet(ctx, id);
    return subnet === undefined ? undefined : subnetCreated(subnet);
  },

  async exists(ctx, ref) {
    return (await describeSubnet(ctx, ref.id)) !== undefined;
  },

  // Instances and mount targets in it go first (teardown order); AWS answers DependencyViolation otherwise.
  delete: (ctx, ref) => ignoreNotFound(() => ctx.aws.ec2.deleteSubnet({ SubnetId: ref.id })),
};
