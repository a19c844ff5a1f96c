import type { AwsContext } from '@geusemaker/kit/aws';
import { ConfigError } from '@geusemaker/kit/errors';
import type { ReusedNetwork } from '@geusemaker/kit/plan';
import { kindFor, type ResourceContext } from '@geusemaker/kit/resources';
import type { DeploymentSpec } from '@geusemaker/kit/spec';

export interface ZoneInfo {
  name: string;
  zoneId: string;
}

export interface Tier1Preflight {
  account: string;
  zones: ZoneInfo[];
  /** AZ id → instance types offered there (of the candidates asked about). */
  offeredByZoneId: Record<string, string[]>;
  reused: ReusedNetwork;
}

async function zones(aws: AwsContext): Promise<ZoneInfo[]> {
  const answer = await aws.ec2.describeAvailabilityZones({ Filters: [{ Name: 'state', Values: ['available'] }] });
  return (answer.AvailabilityZones ?? [])
    .filter((zone) => zone.ZoneType === undefined || zone.ZoneType === 'availability-zone')
    .map((zone) => ({ name: zone.ZoneName ?? '', zoneId: zone.ZoneId ?? zone.ZoneName ?? '' }))
    .filter((zone) => zone.name !== '');
}

async function offerings(aws: AwsContext, instanceTypes: readonly string[]): Promise<Record<string, string[]>> {
  const found = await aws.ec2.describeInstanceTypeOfferings({
    LocationType: 'availability-zone-id',
    Filters: [{ Name: 'instance-type', Values: [...instanceTypes] }],
  });
  const byZone: Record<string, string[]> = {};
  for (const offering of found) {
    if (offering.Location === undefined || offering.InstanceType === undefined) continue;
    (byZone[offering.Location] ??= []).push(offering.InstanceType);
  }
  return byZone;
}

function notFound(pointer: string, id: string, what: string): ConfigError {
  return new ConfigError({
    code: 'REUSE_NOT_FOUND',
    message: `${what} ${id} does not exist in this account and region.`,
    hint: 'Check the id and --region; `gm discover` lists what exists.',
    issues: [{ pointer, message: `${id} was not found`, fix: `pass an existing ${what} id, or leave it out and gm creates one` }],
  });
}

/** Describes everything the user passed by id (before anything is created), so the plan can record it as reused. */
async function reusedNetwork(ctx: ResourceContext, spec: DeploymentSpec): Promise<ReusedNetwork> {
  const reused: ReusedNetwork = {};
  if (spec.vpcId !== undefined) {
    if ((await kindFor('vpc').describe(ctx, spec.vpcId)) === undefined) throw notFound('/vpcId', spec.vpcId, 'VPC');
    reused.vpc = { vpcId: spec.vpcId };
  }
  if (spec.subnetIds !== undefined && spec.subnetIds.length > 0) {
    reused.subnets = await Promise.all(
      spec.subnetIds.map(async (subnetId, index) => {
        const found = await kindFor('subnet').describe(ctx, subnetId);
        if (found === undefined) throw notFound(`/subnetIds/${index}`, subnetId, 'subnet');
        return { subnetId, availabilityZone: String(found.outputs.availabilityZone) };
      }),
    );
  }
  if (spec.securityGroupId !== undefined) {
    if ((await kindFor('security-group').describe(ctx, spec.securityGroupId)) === undefined) throw notFound('/securityGroupId', spec.securityGroupId, 'security group');
    reused.securityGroupId = spec.securityGroupId;
  }
  if (spec.vpcId !== undefined && reused.subnets === undefined) {
    throw new ConfigError({
      code: 'REUSE_INCOMPLETE',
      message: `--vpc-id ${spec.vpcId} needs the public subnets to use as well.`,
      hint: 'Pass --subnet-id (repeatable) for public subnets of that VPC (`gm discover subnets --vpc-id …`), or leave out --vpc-id.',
      issues: [{ pointer: '/subnetIds', message: 'no subnets given for the reused VPC', fix: 'add --subnet-id subnet-… for each public subnet to use' }],
    });
  }
  return reused;
}

/**
 * Basic tier-1 preflight: who we are (STS), which AZs exist, where the candidate types are offered, and the reused
 * resources the user named. Everything here is read-only.
 */
export async function preflightTier1(ctx: ResourceContext, spec: DeploymentSpec, candidateTypes: readonly string[]): Promise<Tier1Preflight> {
  const [identity, zoneList, offered, reused] = await Promise.all([
    ctx.aws.sts.getCallerIdentity(),
    zones(ctx.aws),
    offerings(ctx.aws, candidateTypes),
    reusedNetwork(ctx, spec),
  ]);
  return { account: identity.Account ?? 'unknown', zones: zoneList, offeredByZoneId: offered, reused };
}
