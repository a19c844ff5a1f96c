import { GmError } from '../../errors/index.js';
import type { ResourceContext } from '../types.js';
import { isAwsError, required } from './common.js';

/**
 * Associates the deployment's Elastic IP with the instance and returns the public IP. Idempotent: an address already
 * on this instance is left alone (AWS would answer Resource.AlreadyAssociated with AllowReassociation off). An
 * address on another instance is never taken from it — that instance may be someone else's.
 *
 * `launchedPublicIp`: the address's public IP, given only for an instance this process has just launched. Such an
 * instance cannot hold the address yet, so it is associated at once, without reading the address first; should AWS
 * answer Resource.AlreadyAssociated all the same, the address is read and judged as below.
 */
export async function associateElasticIp(ctx: ResourceContext, allocationId: string, instanceId: string, launchedPublicIp?: string): Promise<string> {
  if (launchedPublicIp !== undefined && launchedPublicIp !== '') {
    try {
      await associate(ctx, allocationId, instanceId);
      return launchedPublicIp;
    } catch (error) {
      if (!isAwsError(error, 'Resource.AlreadyAssociated')) throw error;
    }
  }
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
  await associate(ctx, allocationId, instanceId);
  return publicIp;
}

/** AllowReassociation off: AWS refuses to move an address that is associated elsewhere. */
async function associate(ctx: ResourceContext, allocationId: string, instanceId: string): Promise<void> {
  await ctx.aws.ec2Instances.associateAddress({ AllocationId: allocationId, InstanceId: instanceId, AllowReassociation: false });
}
