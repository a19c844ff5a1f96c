import type { AwsContext } from '@geusemaker/kit/aws';
import type { ReusedNetwork } from '@geusemaker/kit/plan';
import type { ResourceContext } from '@geusemaker/kit/resources';
import type { DeploymentSpec } from '@geusemaker/kit/spec';
import { checkOfferedInSubnets, checkReuse } from './reuse-checks.js';

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

/**
 * Basic tier-1 preflight (the caller asked STS who we are): which AZs exist, where the candidate types are offered, and the reused
 * resources the user named, checked for compatibility (reuse-checks.ts). Everything here is read-only and runs in
 * parallel; an incompatible reuse exits 3 before anything is created.
 */
export async function preflightTier1(ctx: ResourceContext, spec: DeploymentSpec, candidateTypes: readonly string[], account: string): Promise<Tier1Preflight> {
  const [zoneList, offered, { reused, subnetZones }] = await Promise.all([
    zones(ctx.aws),
    offerings(ctx.aws, candidateTypes),
    checkReuse(ctx.aws, spec),
  ]);
  checkOfferedInSubnets(subnetZones, offered, candidateTypes);
  return { account, zones: zoneList, offeredByZoneId: offered, reused };
}
