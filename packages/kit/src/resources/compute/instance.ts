import type { Ec2Instance } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import { createStackInput, renderUserData } from '../../stack/index.js';
import { ec2StepFilters } from '../tags.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { observedIn, pollUntil } from '../wait.js';
import { ignoreMissing, isAwsError, required, unlessMissing } from './common.js';
import { associateElasticIp } from './instance-address.js';
import { resolveImage } from './instance-image.js';
import { launchFirstAvailable, type InstanceInput } from './instance-launch.js';

export type { InstanceInput, InstancePlacement } from './instance-launch.js';

/** States in which an instance still exists (and bills, or may start again). */
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];

/** `extraSpot`: the spot request id the journal kept, for instances whose description lacks it (moto's never have it). */
function instanceCreated(instance: Ec2Instance, market?: string, extraSpot?: string): Created {
  const instanceId = required(instance.InstanceId, 'an instance id');
  const chosenMarket = market ?? (instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand');
  const spotInstanceRequestId = instance.SpotInstanceRequestId ?? extraSpot;
  const spot: Record<string, string> = spotInstanceRequestId === undefined ? {} : { spotInstanceRequestId };
  const outputs = { instanceId, instanceType: instance.InstanceType ?? '', availabilityZone: instance.Placement?.AvailabilityZone ?? '', market: chosenMarket, ...spot };
  return { ref: { kind: 'instance', id: instanceId, extra: { market: chosenMarket, ...spot } }, outputs };
}

async function describeInstance(ctx: ResourceContext, instanceId: string): Promise<Ec2Instance | undefined> {
  return (await unlessMissing(() => ctx.aws.ec2Instances.describeInstances({ InstanceIds: [instanceId] })))?.[0];
}

const isGone = (instance: Ec2Instance | undefined): boolean => instance === undefined || instance.State?.Name === 'terminated';

/** Polls until `running`; a spot instance AWS terminated at once (no capacity after all) is an error, not a wait. */
async function waitRunning(ctx: ResourceContext, instanceId: string): Promise<Ec2Instance> {
  return pollUntil(ctx, `instance ${instanceId} to be running`, async () => {
    const instance = await describeInstance(ctx, instanceId);
    const state = instance?.State?.Name;
    if (instance === undefined || state === 'terminated' || state === 'shutting-down') {
      const reason = instance?.StateReason?.Message ?? 'no reason given';
      throw new GmError({ code: 'INSTANCE_TERMINATED', message: `Instance ${instanceId} is ${state ?? 'gone'} (${reason}).`, hint: 'Run `gm resume <name>` to launch it again.' });
    }
    return state === 'running' ? instance : undefined;
  });
}

/**
 * A persistent spot request relaunches its instance when the instance is terminated: it must be cancelled first.
 * An already-cancelled or unknown request is fine; any other failure stops the deletion before TerminateInstances.
 */
async function cancelSpotRequest(ctx: ResourceContext, requestId: string): Promise<void> {
  try {
    await ctx.aws.ec2Instances.cancelSpotInstanceRequests({ SpotInstanceRequestIds: [requestId] });
  } catch (error) {
    if (!isAwsError(error, 'InvalidSpotInstanceRequestID.NotFound', 'InvalidSpotInstanceRequestID.Malformed')) throw error;
  }
}

async function deleteInstance(ctx: ResourceContext, instanceId: string, extraSpot: string | undefined): Promise<void> {
  const instance = await describeInstance(ctx, instanceId);
  const requestId = instance?.SpotInstanceRequestId ?? extraSpot;
  if (requestId !== undefined) await cancelSpotRequest(ctx, requestId);
  if (isGone(instance)) return;
  await ignoreMissing(() => ctx.aws.ec2Instances.terminateInstances({ InstanceIds: [instanceId] }));
  await pollUntil(ctx, `instance ${instanceId} to terminate`, async () => (isGone(await describeInstance(ctx, instanceId)) ? true : undefined));
}

/**
 * The stack's EC2 instance, spot first: the AMI of the OS (newest), UserData rendered by kit/stack (no secret in it),
 * launched in the first of the plan's placements that has capacity. configure associates the Elastic IP.
 */
export const instanceKind: ResourceKind<InstanceInput> = {
  kind: 'instance',
  // CreateTags: tag-on-create is authorized as ec2:CreateTags. PassRole: handing the role to EC2 via the profile.
  // CreateServiceLinkedRole: the first spot launch of an account creates AWSServiceRoleForEC2Spot.
  iamActions: [
    'ssm:GetParameter',
    'ec2:DescribeImages',
    'ec2:RunInstances',
    'ec2:CreateTags',
    'iam:PassRole',
    'iam:CreateServiceLinkedRole',
    'ec2:DescribeInstances',
    'ec2:DescribeAddresses',
    'ec2:AssociateAddress',
    'ec2:CancelSpotInstanceRequests',
    'ec2:TerminateInstances',
  ],

  async create(ctx, input, meta) {
    const image = await resolveImage(ctx, input.os, input.architecture);
    const { userDataBase64 } = renderUserData(createStackInput({ ...input.stack, os: input.os }));
    const { instance, placement } = await launchFirstAvailable(ctx, { input, meta, image, userDataBase64 });
    return { ...instanceCreated(instance, placement.market), observed: { state: instance.State?.Name ?? 'pending' } };
  },

  async configure(ctx, input, created) {
    // Launched by this process (not resumed or adopted): it cannot hold the Elastic IP yet (see associateElasticIp).
    const launchedHere = created.observed !== undefined;
    // AWS refuses to associate an address with a pending instance, and the engine configures before waitReady.
    // RunInstances answers `pending` on AWS (then this polls); a `running` answer needs no confirming. What is seen
    // here is recorded for waitReady, which the engine calls next with the same object.
    if (!observedIn(created, 'running')) await waitRunning(ctx, created.ref.id);
    created.observed = { ...created.observed, state: 'running' };
    return { publicIp: await associateElasticIp(ctx, input.allocationId, created.ref.id, launchedHere ? input.publicIp : undefined) };
  },

  async waitReady(ctx, created) {
    if (!observedIn(created, 'running')) await waitRunning(ctx, created.ref.id);
    return {};
  },

  async findByTag(ctx, meta) {
    const filters = [...ec2StepFilters(ctx.identity, meta.stepId), { Name: 'instance-state-name', Values: LIVE_STATES }];
    const found = await ctx.aws.ec2Instances.describeInstances({ Filters: filters });
    const [newest, ...others] = found.sort((a, b) => (b.LaunchTime?.getTime() ?? 0) - (a.LaunchTime?.getTime() ?? 0));
    if (others.length > 0) {
      ctx.warn(`Found ${found.length} instances for step ${meta.stepId}; using ${newest?.InstanceId}. Remove ${others.map((i) => i.InstanceId).join(', ')} with \`gm cleanup\`.`);
    }
    return newest === undefined ? undefined : instanceCreated(newest);
  },

  async describe(ctx, id) {
    const instance = await describeInstance(ctx, id);
    return isGone(instance) || instance === undefined ? undefined : instanceCreated(instance);
  },

  async exists(ctx, ref) {
    return !isGone(await describeInstance(ctx, ref.id));
  },

  delete(ctx, ref) {
    return deleteInstance(ctx, ref.id, ref.extra?.spotInstanceRequestId);
  },
};
