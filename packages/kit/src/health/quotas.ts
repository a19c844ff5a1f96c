import type { AwsContext, Ec2InstanceTypeInfo } from '../aws/index.js';
import type { DeploymentSpec } from '../spec/index.js';
import { check, reason, type Check } from './checks.js';

/** Service Quotas codes gm needs (EC2 vCPU quotas are per instance-family group). */
const QUOTA = {
  vpcsPerRegion: { service: 'vpc', code: 'L-F678F1CE', title: 'VPCs per region' },
  elasticIps: { service: 'ec2', code: 'L-0263D0A3', title: 'Elastic IPs' },
  standardOnDemand: { service: 'ec2', code: 'L-1216C47A', title: 'On-Demand standard vCPUs' },
  standardSpot: { service: 'ec2', code: 'L-34B43A08', title: 'Spot standard vCPUs' },
  gpuOnDemand: { service: 'ec2', code: 'L-DB2E81BA', title: 'On-Demand G and VT vCPUs' },
  gpuSpot: { service: 'ec2', code: 'L-3819A6DF', title: 'Spot G and VT vCPUs' },
} as const;

type QuotaRef = (typeof QUOTA)[keyof typeof QUOTA];

async function quotaValue(aws: AwsContext, quota: QuotaRef): Promise<number | string> {
  try {
    const answer = await aws.serviceQuotas.getServiceQuota({ ServiceCode: quota.service, QuotaCode: quota.code });
    return answer.Quota?.Value ?? 'no value in the answer';
  } catch (error) {
    return reason(error);
  }
}

/** A quota compared with what the deployment needs; "unknown" (warn) when the API cannot say. */
async function quotaCheck(aws: AwsContext, quota: QuotaRef, needed: number, inUse?: number): Promise<Check> {
  const value = await quotaValue(aws, quota);
  const id = `quota:${quota.code}`;
  if (typeof value === 'string') {
    return check(id, `Quota: ${quota.title}`, 'warn', `unknown (Service Quotas could not say: ${value})`, {
      remediation: `Check it in the Service Quotas console (${quota.service} ${quota.code}); gm needs ${needed}.`,
    });
  }
  const free = inUse === undefined ? value : value - inUse;
  const usage = inUse === undefined ? `quota ${value} (current usage not counted)` : `${inUse} of ${value} in use`;
  if (free >= needed) return check(id, `Quota: ${quota.title}`, 'pass', `${usage}; needs ${needed}`);
  return check(id, `Quota: ${quota.title}`, 'fail', `${usage}; needs ${needed}`, {
    remediation: `Request an increase of ${quota.service} ${quota.code} in the Service Quotas console, or free some.`,
  });
}

function isGpuFamily(info: Ec2InstanceTypeInfo | undefined): boolean {
  return /^(g|vt)\d/.test(info?.InstanceType ?? '');
}

/** VPCs (when gm creates one), Elastic IPs, and vCPUs of the market and family the first candidate type would use. */
export async function checkQuotas(aws: AwsContext, spec: DeploymentSpec, firstType: Ec2InstanceTypeInfo | undefined): Promise<Check[]> {
  const vcpus = firstType?.VCpuInfo?.DefaultVCpus ?? 2;
  const gpu = isGpuFamily(firstType);
  const spot = spec.market !== 'on-demand';
  const vcpuQuota = gpu ? (spot ? QUOTA.gpuSpot : QUOTA.gpuOnDemand) : spot ? QUOTA.standardSpot : QUOTA.standardOnDemand;
  const vpcCount = async (): Promise<number> => (await aws.ec2.describeVpcs({})).Vpcs?.length ?? 0;
  const checks = [quotaCheck(aws, QUOTA.elasticIps, 1), quotaCheck(aws, vcpuQuota, vcpus)];
  if (spec.vpcId === undefined) checks.push(vpcCount().then((inUse) => quotaCheck(aws, QUOTA.vpcsPerRegion, 1, inUse)));
  return Promise.all(checks);
}
