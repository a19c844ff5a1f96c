import type { Ec2Instance, RunInstancesCommandInput } from '../../aws/index.js';
import { awsErrorName, CapacityError, GmError, isCapacityError } from '../../errors/index.js';
import type { StackInputOptions, StackOs } from '../../stack/index.js';
import { gmTags, tagList } from '../tags.js';
import type { ResourceContext, StepMeta } from '../types.js';
import { isAwsError, sleep, unexpected } from './common.js';
import type { Architecture, ResolvedImage } from './instance-image.js';

/** One place the instance may launch; the plan orders them: next AZ, then next type, then on-demand. */
export type InstancePlacement = {
  availabilityZone: string;
  instanceType: string;
  market: 'spot' | 'on-demand';
  subnetId: string;
};

export type InstanceInput = {
  /** Tried in order until one has capacity. */
  placements: InstancePlacement[];
  securityGroupIds: string[];
  instanceProfileArn: string;
  /** The Elastic IP associated in configure. */
  allocationId: string;
  /** Its public IP (the elastic-ip step's output): lets configure associate a just-launched instance without a read. */
  publicIp?: string;
  os: StackOs;
  architecture: Architecture;
  rootVolumeGiB: number;
  keyName?: string;
  /** What the UserData is rendered from (kit/stack). */
  stack: StackInputOptions;
};

/** Everything a launch needs besides the placement. */
export interface LaunchPlan {
  input: InstanceInput;
  meta: StepMeta;
  image: ResolvedImage;
  userDataBase64: string;
}

type TagResourceType = NonNullable<NonNullable<RunInstancesCommandInput['TagSpecifications']>[number]['ResourceType']>;

/** A fresh instance profile answers "Invalid IAM Instance Profile" for ~10 s on AWS (IAM propagation). */
const PROFILE_PROPAGATION = { attempts: 8, delaySeconds: 2 };

export function describePlacement(placement: InstancePlacement): string {
  return `${placement.instanceType} ${placement.market} in ${placement.availabilityZone}`;
}

/**
 * The RunInstances request for one placement: IMDSv2 only with hop limit 1 (containers cannot reach the metadata
 * service), an encrypted gp3 root volume, tags on the instance, its volume and (spot) its request, and a ClientToken
 * per placement so a retried call cannot launch twice but the next placement is a new launch.
 */
export function runInstancesRequest(ctx: ResourceContext, plan: LaunchPlan, placement: InstancePlacement, index: number): RunInstancesCommandInput {
  const spot = placement.market === 'spot';
  const tags = tagList(gmTags(ctx.identity, plan.meta.stepId));
  const tagged: TagResourceType[] = spot ? ['instance', 'volume', 'spot-instances-request'] : ['instance', 'volume'];
  return {
    ImageId: plan.image.imageId,
    InstanceType: placement.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    // A public address for the boot (packages, images) until the Elastic IP is associated: asked for here rather than
    // by flipping the subnet's MapPublicIpOnLaunch, so reused subnets work unchanged and a deploy makes 2 calls fewer.
    NetworkInterfaces: [
      { DeviceIndex: 0, SubnetId: placement.subnetId, Groups: plan.input.securityGroupIds, AssociatePublicIpAddress: true, DeleteOnTermination: true },
    ],
    IamInstanceProfile: { Arn: plan.input.instanceProfileArn },
    UserData: plan.userDataBase64,
    MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
    BlockDeviceMappings: [
      { DeviceName: plan.image.rootDeviceName, Ebs: { VolumeSize: plan.input.rootVolumeGiB, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } },
    ],
    TagSpecifications: tagged.map((ResourceType) => ({ ResourceType, Tags: tags })),
    ClientToken: `${plan.meta.token}-${index}`,
    ...(plan.input.keyName === undefined ? {} : { KeyName: plan.input.keyName }),
    // Persistent + stop: an interruption stops the instance (EBS and EIP kept) and AWS restarts it when capacity returns.
    ...(spot ? { InstanceMarketOptions: { MarketType: 'spot', SpotOptions: { SpotInstanceType: 'persistent', InstanceInterruptionBehavior: 'stop' } } } : {}),
  };
}

function isProfilePropagation(error: unknown): boolean {
  return isAwsError(error, 'InvalidParameterValue') && /iam ?instance ?profile/i.test(error instanceof Error ? error.message : '');
}

/** RunInstances, retrying only the IAM propagation error (same ClientToken, so a retry cannot launch twice). */
async function runWithProfileRetry(ctx: ResourceContext, request: RunInstancesCommandInput): Promise<Ec2Instance> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { Instances } = await ctx.aws.ec2Instances.runInstances(request);
      const instance = Instances?.[0];
      if (instance?.InstanceId === undefined) throw unexpected('an instance id');
      return instance;
    } catch (error) {
      if (!isProfilePropagation(error) || attempt >= PROFILE_PROPAGATION.attempts) throw error;
      ctx.progress('waiting for the new instance profile to reach EC2');
      await sleep(Math.min(PROFILE_PROPAGATION.delaySeconds, ctx.wait.maxDelaySeconds) * 1000);
    }
  }
}

function noCapacity(failures: readonly string[]): CapacityError {
  return new CapacityError({
    code: 'NO_CAPACITY',
    message: `No capacity for the instance after trying every placement: ${failures.join('; ')}.`,
    hint: 'Try another instance type (--instance-type), region (--region) or market (--market on-demand), or request a quota increase in Service Quotas.',
    details: { tried: failures },
  });
}

/**
 * Launches in the first placement with capacity. A capacity error (insufficient capacity, spot price or count
 * limits, quotas) moves on to the next placement with a warning; any other error stops at once. When every placement
 * fails nothing was launched, and a CapacityError (exit 5) lists what was tried.
 */
export async function launchFirstAvailable(ctx: ResourceContext, plan: LaunchPlan): Promise<{ instance: Ec2Instance; placement: InstancePlacement }> {
  const { placements } = plan.input;
  if (placements.length === 0) {
    throw new GmError({ code: 'NO_PLACEMENTS', message: 'The plan gives the instance no placement to launch in.', hint: 'This is a bug in the plan: report it.' });
  }
  const failures: string[] = [];
  for (const [index, placement] of placements.entries()) {
    try {
      return { instance: await runWithProfileRetry(ctx, runInstancesRequest(ctx, plan, placement, index)), placement };
    } catch (error) {
      if (!isCapacityError(error)) throw error;
      const reason = awsErrorName(error) ?? 'capacity';
      failures.push(`${describePlacement(placement)}: ${reason}`);
      const next = placements[index + 1];
      if (next !== undefined) ctx.warn(`No capacity for ${describePlacement(placement)} (${reason}); trying ${describePlacement(next)}.`);
    }
  }
  throw noCapacity(failures);
}
