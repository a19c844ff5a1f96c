import type { AwsContext, Ec2InstanceTypeInfo } from '../aws/index.js';
import type { DeploymentSpec } from '../spec/index.js';
import { gpuInstanceTypes } from '../spec/index.js';
import { check, type Check } from './checks.js';

/** The AMI architecture gm deploys today (the tier-1 plan uses x86_64 images). */
export const PLAN_ARCHITECTURE = 'x86_64';

/** Instance types gm tries when the spec names none. */
const DEFAULT_TYPES: Readonly<Record<DeploymentSpec['tier'], readonly string[]>> = {
  tier1: ['t3.large', 't3a.large', 'm5.large', 'm6i.large'],
  tier2: ['t3.large', 't3a.large', 'm5.large', 'm6i.large'],
  tier3: gpuInstanceTypes().slice(0, 4),
};

export function candidateInstanceTypes(spec: DeploymentSpec): string[] {
  return spec.instanceTypes !== undefined && spec.instanceTypes.length > 0 ? spec.instanceTypes : [...DEFAULT_TYPES[spec.tier]];
}

export interface InstanceTypeFindings {
  checks: Check[];
  /** Shape of the first candidate that passed every check (for quotas). */
  chosen: Ec2InstanceTypeInfo | undefined;
}

async function offeredZones(aws: AwsContext, types: readonly string[]): Promise<Map<string, string[]>> {
  const offerings = await aws.ec2.describeInstanceTypeOfferings({ LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: [...types] }] });
  const zones = new Map<string, string[]>();
  for (const offering of offerings) {
    if (offering.InstanceType !== undefined && offering.Location !== undefined) zones.set(offering.InstanceType, [...(zones.get(offering.InstanceType) ?? []), offering.Location]);
  }
  return zones;
}

function problemWith(info: Ec2InstanceTypeInfo | undefined, tier: DeploymentSpec['tier']): string | undefined {
  if (info === undefined) return 'EC2 does not describe it';
  if (!(info.ProcessorInfo?.SupportedArchitectures ?? []).includes(PLAN_ARCHITECTURE)) {
    return `architecture ${(info.ProcessorInfo?.SupportedArchitectures ?? []).join('/')} does not match the ${PLAN_ARCHITECTURE} AMI`;
  }
  if (tier === 'tier3' && (info.GpuInfo?.Gpus ?? []).length === 0) return 'has no GPU, and tier3 runs Ollama on one';
  return undefined;
}

/**
 * Each candidate type: offered in at least one AZ of the region, matching the AMI's architecture, with a GPU for tier3.
 * Fails when no candidate is usable; warns about the ones that are not.
 */
export async function checkInstanceTypes(aws: AwsContext, spec: DeploymentSpec, region: string): Promise<InstanceTypeFindings> {
  const types = candidateInstanceTypes(spec);
  const zones = await offeredZones(aws, types);
  const offered = types.filter((type) => zones.has(type));
  const infos = offered.length === 0 ? [] : await aws.ec2Health.describeInstanceTypes({ InstanceTypes: offered as NonNullable<Ec2InstanceTypeInfo["InstanceType"]>[] });
  const byType = new Map(infos.map((info) => [info.InstanceType ?? '', info]));
  const problems = types.map((type) => ({ type, problem: zones.has(type) ? problemWith(byType.get(type), spec.tier) : `not offered in any AZ of ${region}` }));
  const usable = problems.filter((p) => p.problem === undefined).map((p) => p.type);
  const lines = problems.map((p) => `${p.type}: ${p.problem ?? `ok (${(zones.get(p.type) ?? []).sort().join(', ')})`}`);
  const gpuCheck = spec.tier === 'tier3' ? [gpuVerdict(problems)] : [];
  if (usable.length === 0) {
    const remediation = spec.tier === 'tier3'
      ? `Pass GPU types offered in ${region}, e.g. --instance-type ${gpuInstanceTypes().slice(0, 2).join(' --instance-type ')}, or another --region.`
      : `Pass instance types offered in ${region} (aws ec2 describe-instance-type-offerings), or another --region.`;
    return { checks: [check('instance-types', 'Instance types', 'fail', `no usable type among ${types.join(', ')}`, { remediation, lines }), ...gpuCheck], chosen: undefined };
  }
  const status = usable.length === types.length ? 'pass' : 'warn';
  return { checks: [check('instance-types', 'Instance types', status, `usable: ${usable.join(', ')}`, { lines }), ...gpuCheck], chosen: byType.get(usable[0] ?? '') };
}

function gpuVerdict(problems: readonly { type: string; problem: string | undefined }[]): Check {
  const withoutGpu = problems.filter((p) => p.problem?.includes('no GPU') === true).map((p) => p.type);
  if (withoutGpu.length === 0) return check('gpu', 'GPU (tier3)', 'pass', 'every offered candidate has a GPU');
  const ok = problems.some((p) => p.problem === undefined);
  return check('gpu', 'GPU (tier3)', ok ? 'warn' : 'fail', `no GPU: ${withoutGpu.join(', ')}`, {
    remediation: `Use GPU types (${gpuInstanceTypes().slice(0, 3).join(', ')}), or deploy tier2 for CPU only.`,
  });
}
