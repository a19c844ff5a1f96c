import { GmError } from '../../errors/index.js';
import type { ResourceContext } from '../types.js';
import { required } from './common.js';

/**
 * Associates the deployment's Elastic IP with the instance and returns the public IP. Idempotent: an address already
 * on this instance is left alone (AWS would answer Resource.AlreadyAssociated with AllowReassociation off). An
 * address on another instance is never taken from it — that instance may be someone else's.
 */
export async function associateElasticIp(ctx: ResourceContext, allocationId: string, instanceId: string): Promise<string> {
  const [address] = await ctx.aws.ec2Instances.describeElasticIps({ AllocationIds: [allocationId] });
  const publicIp = required(address?.PublicIp, `the public IP of ${allocationId}`);
  if (address?.InstanceId === instanceId) return publicIp;
  if (address?.AssociationId !== undefined) {
    throw new GmError({
      code: 'ELASTIC_IP_IN_USE',
      message: `Elastic IP ${publicIp} (${allocationId}) is associated with ${address.InstanceId ?? address.NetworkInterfaceId ?? 'another resource'}.`,
      hint: 'Disassociate it (aws ec2 disassociate-address) or let gm allocate a new one, then run `gm resume <name>`.',
    });
  }
  await ctx.aws.ec2Instances.associateAddress({ AllocationId: allocationId, InstanceId: instanceId, AllowReassociation: false });
  return publicIp;
}
