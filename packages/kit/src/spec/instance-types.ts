import instanceTypeData from './data/instance-types.json' with { type: 'json' };

/**
 * The instance types gm knows, generated from the reference price catalog (../shared/pricing/aws-ec2-vms.csv) by
 * `scripts/generate-instance-types.mjs`. The source and its date travel with the data.
 */
export interface InstanceTypeInfo {
  readonly vCPUs: number;
  readonly memoryGiB: number;
  readonly gpuCount: number;
  readonly gpuName: string | null;
  readonly gpuMemoryGiB: number;
  readonly architecture: 'arm64' | 'x86_64';
  /** Regions the catalog lists the type in (a catalog gap is not proof the region lacks it). */
  readonly regions: readonly string[];
}

const TYPES = instanceTypeData.instanceTypes as Readonly<Record<string, InstanceTypeInfo>>;

export const INSTANCE_TYPE_DATA_SOURCE = {
  source: instanceTypeData.source,
  sourceDate: instanceTypeData.sourceDate,
  generatedAt: instanceTypeData.generatedAt,
} as const;

/** Every known instance type, sorted. */
export function knownInstanceTypes(): string[] {
  return Object.keys(TYPES);
}

export function instanceTypeInfo(type: string): InstanceTypeInfo | undefined {
  return Object.hasOwn(TYPES, type) ? TYPES[type] : undefined;
}

/** Known types with at least one GPU, cheapest-sounding first (fewest GPUs, then name). */
export function gpuInstanceTypes(): string[] {
  return knownInstanceTypes()
    .filter((type) => (TYPES[type]?.gpuCount ?? 0) > 0)
    .sort((a, b) => (TYPES[a]?.vCPUs ?? 0) - (TYPES[b]?.vCPUs ?? 0) || a.localeCompare(b));
}
