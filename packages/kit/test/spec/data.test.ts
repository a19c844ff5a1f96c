import { INSTANCE_TYPE_DATA_SOURCE, REGION_DATA_SOURCE, gpuInstanceTypes, instanceTypeInfo, knownInstanceTypes, knownRegions, regionInfo } from '@geusemaker/kit/spec';

describe('bundled region list (from the AWS SDK partition data)', () => {
  it('records its source', () => {
    expect(REGION_DATA_SOURCE).toMatch(/^@aws-sdk\/util-endpoints@\d+\.\d+\.\d+ partition data/);
  });

  it('holds real regions of every partition, and no pseudo-regions', () => {
    expect(regionInfo('us-east-1')).toEqual({ partition: 'aws', description: 'US East (N. Virginia)' });
    expect(regionInfo('eu-west-1')).toEqual({ partition: 'aws', description: 'Europe (Ireland)' });
    expect(regionInfo('cn-north-1')?.partition).toBe('aws-cn');
    expect(regionInfo('us-gov-west-1')?.partition).toBe('aws-us-gov');
    expect(regionInfo('aws-global')).toBeUndefined();
    expect(regionInfo('toString')).toBeUndefined();
    const regions = knownRegions();
    expect(regions).toEqual([...regions].sort());
    expect(regions.every((region) => /^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(region))).toBe(true);
  });
});

describe('bundled instance-type table (from ../shared/pricing/aws-ec2-vms.csv)', () => {
  it('records its source and date', () => {
    expect(INSTANCE_TYPE_DATA_SOURCE.source).toBe('github:skypilot-org/skypilot-catalog/catalogs/v7/aws/vms.csv@001367d22a0033fac286a8c71aeac7109e431bcb');
    expect(INSTANCE_TYPE_DATA_SOURCE.sourceDate).toMatch(/2026-09/);
    expect(INSTANCE_TYPE_DATA_SOURCE.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has the 104 types of the 12 catalog families', () => {
    expect(knownInstanceTypes()).toHaveLength(104);
    expect(new Set(knownInstanceTypes().map((type) => type.split('.')[0]))).toEqual(new Set(['t3', 't3a', 't4g', 'm6i', 'm7i', 'm7g', 'c7i', 'r7i', 'g4dn', 'g5', 'g6', 'g6e']));
  });

  it('describes shape, GPU, architecture and regions', () => {
    const all = ['ap-northeast-1', 'ap-southeast-1', 'eu-central-1', 'eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2'];
    expect(instanceTypeInfo('t4g.medium')).toEqual({ vCPUs: 2, memoryGiB: 4, gpuCount: 0, gpuName: null, gpuMemoryGiB: 0, architecture: 'arm64', regions: all });
    expect(instanceTypeInfo('g4dn.xlarge')).toEqual({ vCPUs: 4, memoryGiB: 16, gpuCount: 1, gpuName: 'T4', gpuMemoryGiB: 16, architecture: 'x86_64', regions: all });
    expect(instanceTypeInfo('g6.xlarge')?.regions).not.toContain('eu-west-1');
    expect(instanceTypeInfo('m5.large')).toBeUndefined();
  });

  it('marks exactly the Graviton families (a g processor letter) as arm64', () => {
    const arm = knownInstanceTypes().filter((type) => instanceTypeInfo(type)?.architecture === 'arm64');
    expect(new Set(arm.map((type) => type.split('.')[0]))).toEqual(new Set(['t4g', 'm7g']));
  });

  it('lists GPU types smallest first', () => {
    expect(gpuInstanceTypes().slice(0, 3)).toEqual(['g4dn.xlarge', 'g5.xlarge', 'g6.xlarge']);
    expect(gpuInstanceTypes().every((type) => (instanceTypeInfo(type)?.gpuCount ?? 0) > 0)).toBe(true);
  });
});
