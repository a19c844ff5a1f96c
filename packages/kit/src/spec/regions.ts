import regionData from './data/regions.json' with { type: 'json' };

/**
 * AWS regions, generated from the AWS SDK's partition data by `scripts/generate-regions.mjs` so that validating a
 * spec never loads the SDK.
 */
export interface RegionInfo {
  readonly partition: string;
  readonly description: string;
}

const REGIONS: Readonly<Record<string, RegionInfo>> = regionData.regions;

export const REGION_DATA_SOURCE: string = regionData.source;

/** Every region name, sorted. */
export function knownRegions(): string[] {
  return Object.keys(REGIONS);
}

export function regionInfo(region: string): RegionInfo | undefined {
  return Object.hasOwn(REGIONS, region) ? REGIONS[region] : undefined;
}
