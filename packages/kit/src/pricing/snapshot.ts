import { readFileSync } from 'node:fs';
import type {
  CloudFrontPrices,
  InstanceShape,
  InstanceTypePrices,
  PriceBook,
  PriceFigure,
  RegionPrices,
  ServicePrices,
} from './types.js';

/**
 * The shape of data/price-snapshot.json, written by scripts/build-price-snapshot.mjs from ../shared/pricing/.
 * Prices are bare numbers there; the loader labels each with source `snapshot` and its date.
 */
export interface PriceSnapshot {
  readonly formatVersion: 1;
  /** The month the reference prices were taken (`YYYY-MM`). */
  readonly snapshotDate: string;
  readonly generatedBy: string;
  readonly sourceFiles: readonly string[];
  readonly notes: Readonly<Record<string, string>>;
  readonly ec2: SnapshotEc2;
  readonly services: {
    readonly regions: Readonly<Record<string, Readonly<Partial<Record<keyof ServicePrices, SnapshotServicePrice>>>>>;
    readonly cloudFrontEdges: Readonly<Record<string, Readonly<Partial<Record<keyof CloudFrontPrices, SnapshotServicePrice>>>>>;
  };
}

export interface SnapshotEc2 {
  /** The catalog the EC2 prices were copied from (repository, path and commit). */
  readonly source: string;
  readonly onDemandAsOf: string;
  readonly spotAsOf: string;
  readonly spotAsOfAssumed: boolean;
  readonly asOfNote: string;
  readonly families: readonly string[];
  readonly instanceTypes: Readonly<Record<string, InstanceShape>>;
  readonly regions: Readonly<Record<string, Readonly<Record<string, SnapshotInstanceType>>>>;
}

export interface SnapshotInstanceType {
  readonly onDemandHourly: number;
  readonly offeredAzIds: readonly string[];
  readonly spotHourlyByAzId: Readonly<Record<string, number>>;
}

export interface SnapshotServicePrice {
  readonly usd: number;
  readonly unit: string;
  readonly asOf: string;
  readonly asOfAssumed?: boolean;
  /** The row's cited source (URL or `github:owner/repo/path@commit`). */
  readonly source: string;
  readonly estimatedFrom?: string;
}

// Two levels below the package root both as src/pricing/*.ts (Jest) and as dist/pricing/*.js (built).
const BUNDLED_SNAPSHOT_URL = new URL('../../data/price-snapshot.json', import.meta.url);

let bundled: PriceSnapshot | undefined;

/** The snapshot shipped with kit, read once (lazily: `gm --help` must not pay for 200 KB of JSON). */
export function readBundledSnapshot(): PriceSnapshot {
  if (bundled === undefined) bundled = parseSnapshot(readFileSync(BUNDLED_SNAPSHOT_URL, 'utf8'));
  return bundled;
}

export function parseSnapshot(text: string): PriceSnapshot {
  const parsed = JSON.parse(text) as Partial<PriceSnapshot> | null;
  if (parsed?.formatVersion !== 1 || parsed.ec2 === undefined || parsed.services === undefined) {
    throw new Error('price snapshot: unknown format (expected formatVersion 1); rebuild it with scripts/build-price-snapshot.mjs');
  }
  return parsed as PriceSnapshot;
}

interface FigureLabels {
  readonly asOf: string;
  readonly asOfAssumed?: boolean;
  readonly estimatedFrom?: string;
  readonly citation: string;
}

function snapshotFigure(usd: number, labels: FigureLabels): PriceFigure {
  return {
    usd,
    source: 'snapshot',
    asOf: labels.asOf,
    ...(labels.asOfAssumed === true ? { asOfAssumed: true as const } : {}),
    ...(labels.estimatedFrom === undefined ? {} : { estimatedFrom: labels.estimatedFrom }),
    citation: labels.citation,
  };
}

function fromServicePrice(price: SnapshotServicePrice | undefined): PriceFigure | undefined {
  return price === undefined ? undefined : snapshotFigure(price.usd, { ...price, citation: price.source });
}

function instanceTypePrices(ec2: SnapshotEc2, instanceType: string, entry: SnapshotInstanceType): InstanceTypePrices {
  const shape = ec2.instanceTypes[instanceType];
  if (shape === undefined) throw new Error(`price snapshot: ${instanceType} has prices but no shape`);
  const spotLabels = { asOf: ec2.spotAsOf, asOfAssumed: ec2.spotAsOfAssumed, citation: ec2.source };
  const spotHourlyByAzId = Object.fromEntries(
    Object.entries(entry.spotHourlyByAzId).map(([azId, usd]) => [azId, snapshotFigure(usd, spotLabels)]),
  );
  return {
    shape,
    onDemandHourly: snapshotFigure(entry.onDemandHourly, { asOf: ec2.onDemandAsOf, citation: ec2.source }),
    spotHourlyByAzId,
    offeredAzIds: entry.offeredAzIds,
  };
}

function servicePricesOf(snapshot: PriceSnapshot, region: string): ServicePrices {
  const rows = Object.hasOwn(snapshot.services.regions, region) ? snapshot.services.regions[region] : undefined;
  return {
    ebsGp3GbMonth: fromServicePrice(rows?.ebsGp3GbMonth),
    efsStandardGbMonth: fromServicePrice(rows?.efsStandardGbMonth),
    albHour: fromServicePrice(rows?.albHour),
    albLcuHour: fromServicePrice(rows?.albLcuHour),
    publicIpv4Hour: fromServicePrice(rows?.publicIpv4Hour),
    dataTransferOutGb: fromServicePrice(rows?.dataTransferOutGb),
  };
}

function regionPricesOf(snapshot: PriceSnapshot, region: string): RegionPrices {
  const types = Object.hasOwn(snapshot.ec2.regions, region) ? snapshot.ec2.regions[region] : undefined;
  const instanceTypes = Object.fromEntries(
    Object.entries(types ?? {}).map(([type, entry]) => [type, instanceTypePrices(snapshot.ec2, type, entry)]),
  );
  // The snapshot has no placement scores: selection treats every AZ as "score unknown".
  return { instanceTypes, services: servicePricesOf(snapshot, region) };
}

/** A PriceBook whose every figure is labelled `snapshot` with its date; the bundled snapshot when none is given. */
export function priceBookFromSnapshot(snapshot: PriceSnapshot = readBundledSnapshot()): PriceBook {
  const regionNames = [...new Set([...Object.keys(snapshot.ec2.regions), ...Object.keys(snapshot.services.regions)])].sort();
  const cloudFrontByEdgeZone = Object.fromEntries(
    Object.entries(snapshot.services.cloudFrontEdges).map(([zone, rows]) => [
      zone,
      { transferOutGb: fromServicePrice(rows.transferOutGb), httpsRequestsPer10k: fromServicePrice(rows.httpsRequestsPer10k) },
    ]),
  );
  return {
    regions: Object.fromEntries(regionNames.map((region) => [region, regionPricesOf(snapshot, region)])),
    cloudFrontByEdgeZone,
  };
}
