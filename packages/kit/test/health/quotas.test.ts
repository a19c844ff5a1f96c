import type { AwsContext, Ec2InstanceTypeInfo } from '@geusemaker/kit/aws';
import { GmError } from '@geusemaker/kit/errors';
import type { DeploymentSpec } from '@geusemaker/kit/spec';
import { checkQuotas } from '../../src/health/quotas.js';

function fakeAws(quotas: Record<string, number>, vpcs: number): { aws: AwsContext; asked: string[] } {
  const asked: string[] = [];
  const aws = {
    serviceQuotas: {
      getServiceQuota: ({ ServiceCode, QuotaCode }: { ServiceCode: string; QuotaCode: string }) => {
        asked.push(`${ServiceCode}/${QuotaCode}`);
        const value = quotas[QuotaCode];
        return value === undefined ? Promise.reject(new GmError({ code: 'AWS', message: 'NoSuchResourceException' })) : Promise.resolve({ Quota: { Value: value } });
      },
    },
    ec2: { describeVpcs: () => Promise.resolve({ Vpcs: Array.from({ length: vpcs }, () => ({})) }) },
  } as unknown as AwsContext;
  return { aws, asked };
}

const spec = (overrides: Partial<DeploymentSpec> = {}): DeploymentSpec => ({ name: 'demo', tier: 'tier1', market: 'auto', allowedCidr: '0.0.0.0/0', cidr: '10.42.0.0/16', tags: {}, models: [], images: {}, ...overrides });
const g5 = { InstanceType: 'g5.xlarge', VCpuInfo: { DefaultVCpus: 4 } } as Ec2InstanceTypeInfo;

describe('checkQuotas', () => {
  it('fails a full VPC quota, passes enough vCPUs, and marks what the API cannot say unknown', async () => {
    const { aws, asked } = fakeAws({ 'L-F678F1CE': 5, 'L-3819A6DF': 8 }, 5);
    const checks = await checkQuotas(aws, spec({ tier: 'tier3' }), g5);
    expect(asked.sort()).toEqual(['ec2/L-0263D0A3', 'ec2/L-3819A6DF', 'vpc/L-F678F1CE']);
    expect(checks.find((c) => c.id === 'quota:L-F678F1CE')).toMatchObject({ status: 'fail', detail: '5 of 5 in use; needs 1' });
    expect(checks.find((c) => c.id === 'quota:L-3819A6DF')).toMatchObject({ status: 'pass', detail: 'quota 8 (current usage not counted); needs 4' });
    expect(checks.find((c) => c.id === 'quota:L-0263D0A3')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^unknown/) });
  });

  it('asks the on-demand standard quota for --on-demand and no VPC quota when reusing a VPC', async () => {
    const { aws, asked } = fakeAws({ 'L-1216C47A': 1 }, 0);
    const checks = await checkQuotas(aws, spec({ market: 'on-demand', vpcId: 'vpc-1' }), { InstanceType: 't3.large', VCpuInfo: { DefaultVCpus: 2 } } as Ec2InstanceTypeInfo);
    expect(asked.sort()).toEqual(['ec2/L-0263D0A3', 'ec2/L-1216C47A']);
    expect(checks.find((c) => c.id === 'quota:L-1216C47A')?.status).toBe('fail');
  });
});
