import type { Address } from '../../aws/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { adoptFirst, ignoreNotFound, requireId, stepFilters, tagsAtCreation, unlessNotFound } from './common.js';

/** Nothing to choose: an Elastic IP is always allocated for use in a VPC. */
export type ElasticIpInput = Record<string, never>;

function addressCreated(allocationId: string | undefined, publicIp: string | undefined): Created {
  const id = requireId(allocationId, 'an Elastic IP allocation id');
  return { ref: { kind: 'elastic-ip', id }, outputs: { allocationId: id, publicIp: requireId(publicIp, 'a public IP') } };
}

async function describeAddress(ctx: ResourceContext, allocationId: string): Promise<Address | undefined> {
  return (await unlessNotFound(() => ctx.aws.ec2.describeAddresses({ AllocationIds: [allocationId] })))?.[0];
}

/** A stable public IPv4 address for the instance: it survives spot interruptions and instance replacement. */
export const elasticIpKind: ResourceKind<ElasticIpInput> = {
  kind: 'elastic-ip',
  iamActions: ['ec2:AllocateAddress', 'ec2:CreateTags', 'ec2:DescribeAddresses', 'ec2:DisassociateAddress', 'ec2:ReleaseAddress'],

  async create(ctx, _input, meta) {
    // AllocateAddress has no ClientToken: a crash before the journal's `created` entry is recovered by findByTag.
    const address = await ctx.aws.ec2.allocateAddress({ Domain: 'vpc', TagSpecifications: tagsAtCreation(ctx, 'elastic-ip', meta.stepId) });
    return addressCreated(address.AllocationId, address.PublicIp);
  },

  async findByTag(ctx, meta) {
    const addresses = await ctx.aws.ec2.describeAddresses({ Filters: stepFilters(ctx, meta.stepId) });
    const address = adoptFirst(ctx, addresses, 'Elastic IP', (found) => found.AllocationId);
    return address === undefined ? undefined : addressCreated(address.AllocationId, address.PublicIp);
  },

  async describe(ctx, id) {
    const address = await describeAddress(ctx, id);
    return address === undefined ? undefined : addressCreated(address.AllocationId, address.PublicIp);
  },

  async exists(ctx, ref) {
    return (await describeAddress(ctx, ref.id)) !== undefined;
  },

  async delete(ctx, ref) {
    // Release fails while the address is still associated (InvalidIPAddress.InUse), e.g. with an instance that is
    // kept or not yet terminated: disassociate first, whatever holds it.
    const address = await describeAddress(ctx, ref.id);
    if (address === undefined) return;
    const associationId = address.AssociationId;
    if (associationId !== undefined) await ignoreNotFound(() => ctx.aws.ec2.disassociateAddress({ AssociationId: associationId }));
    await ignoreNotFound(() => ctx.aws.ec2.releaseAddress({ AllocationId: ref.id }));
  },
};
