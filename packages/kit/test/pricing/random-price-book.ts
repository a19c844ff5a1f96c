// Seeded generators of PriceBooks and selection inputs for the oracle test. Deterministic: a failing case can be
// replayed from its seed alone.
import type { InstanceRequirements, SelectionInput } from '@geusemaker/kit/pricing';
import type { Architecture, InstanceShape, InstanceTypePrices, Offerings, PlacementScoreFigure, PriceBook, PriceFigure, RegionPrices } from '@geusemaker/kit/pricing';

/** mulberry32: small, fast, good enough to spread test cases. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(private readonly next: () => number) {}
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  subset<T>(items: readonly T[], probability: number): T[] {
    return items.filter(() => this.chance(probability));
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
  /** A price with up to 6 decimals, in [min, max]. */
  usd(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 1e6) / 1e6;
  }
}

const REGIONS = ['r-east', 'r-west', 'r-north', 'r-south'];
const SOURCES = ['api', 'cache', 'snapshot'] as const;

function figure(dice: Dice, usd: number): PriceFigure {
  return { usd, source: dice.pick(SOURCES), asOf: '2026-09-01' };
}

function score(dice: Dice): PlacementScoreFigure {
  return { score: dice.int(1, 10), source: 'api', asOf: '2026-11-27' };
}

function randomShape(dice: Dice): InstanceShape {
  const gpuCount = dice.chance(0.25) ? dice.int(1, 4) : 0;
  return {
    vCPUs: dice.pick([1, 2, 4, 8, 16]),
    memoryGiB: dice.pick([1, 2, 4, 8, 16, 32, 64]),
    gpuCount,
    gpuName: gpuCount > 0 ? 'T4' : null,
    architecture: dice.pick<Architecture>(['x86_64', 'arm64']),
  };
}

function randomTypePrices(dice: Dice, shape: InstanceShape, azIds: readonly string[]): InstanceTypePrices {
  const onDemand = dice.usd(0.004, 3);
  const spotBase = dice.usd(onDemand * 0.2, onDemand);
  const spotHourlyByAzId: Record<string, PriceFigure> = {};
  for (const azId of dice.subset(azIds, 0.8)) {
    // Often a few percent apart between AZs (so placement scores get to reorder inside the 5% band); sometimes
    // above on-demand, so the on-demand-dominance rule gets exercised.
    const usd = dice.chance(0.1) ? dice.usd(onDemand, onDemand * 1.5) : dice.chance(0.5) ? dice.usd(spotBase * 0.97, spotBase * 1.04) : dice.usd(onDemand * 0.2, onDemand);
    spotHourlyByAzId[azId] = figure(dice, usd);
  }
  return { shape, ...(dice.chance(0.95) ? { onDemandHourly: figure(dice, onDemand) } : {}), spotHourlyByAzId };
}

function randomRegion(dice: Dice, region: string, shapes: ReadonlyMap<string, InstanceShape>): RegionPrices {
  const azIds = Array.from({ length: dice.int(1, 4) }, (_, index) => `${region}-az${index + 1}`);
  const instanceTypes: Record<string, InstanceTypePrices> = {};
  for (const [type, shape] of shapes) if (dice.chance(0.85)) instanceTypes[type] = randomTypePrices(dice, shape, azIds);
  const byAzId = Object.fromEntries(dice.subset(azIds, 0.6).map((azId) => [azId, score(dice)]));
  const byType = Object.fromEntries(
    dice.subset(Object.keys(instanceTypes), 0.3).map((type) => [type, Object.fromEntries(dice.subset(azIds, 0.5).map((azId) => [azId, score(dice)]))]),
  );
  const placementScores = dice.chance(0.8)
    ? { ...(dice.chance(0.5) ? { region: score(dice) } : {}), byAzId, byInstanceTypeAndAzId: byType }
    : undefined;
  return { instanceTypes, services: {}, ...(placementScores === undefined ? {} : { placementScores }) };
}

export interface RandomCase {
  readonly book: PriceBook;
  readonly input: SelectionInput;
}

function randomOfferings(dice: Dice, book: PriceBook, typeNames: readonly string[]): Offerings {
  const offerings: Record<string, Record<string, string[]>> = {};
  for (const [region, prices] of Object.entries(book.regions)) {
    const azIds = new Set(Object.values(prices.instanceTypes).flatMap((entry) => Object.keys(entry.spotHourlyByAzId)));
    azIds.add(`${region}-az1`);
    // Types the book does not price may still be "offered" (and vice versa): selection must cope with both.
    offerings[region] = Object.fromEntries([...azIds].map((azId) => [azId, dice.shuffle(dice.subset(typeNames, 0.7))]));
  }
  return offerings;
}

function randomRequirements(dice: Dice): InstanceRequirements | undefined {
  if (dice.chance(0.2)) return undefined;
  return {
    ...(dice.chance(0.7) ? { architecture: dice.pick<Architecture>(['x86_64', 'arm64']) } : {}),
    ...(dice.chance(0.5) ? { minVcpus: dice.pick([1, 2, 4]) } : {}),
    ...(dice.chance(0.5) ? { minMemoryGiB: dice.pick([1, 4, 8]) } : {}),
    ...(dice.chance(0.4) ? { gpu: dice.chance(0.5) } : {}),
  };
}

export function randomCase(seed: number): RandomCase {
  const dice = new Dice(prng(seed));
  const shapes = new Map(Array.from({ length: dice.int(2, 8) }, (_, index) => [`f${index}.large`, randomShape(dice)] as const));
  const regionNames = dice.shuffle(REGIONS).slice(0, dice.int(1, 3));
  const regions = Object.fromEntries(regionNames.map((region) => [region, randomRegion(dice, region, shapes)]));
  const book: PriceBook = { regions, cloudFrontByEdgeZone: {} };
  const typeNames = [...shapes.keys(), 'unknown.large'];
  const offerings = randomOfferings(dice, book, typeNames);
  const allPrices = Object.values(regions).flatMap((region) => Object.values(region.instanceTypes).map((entry) => entry.onDemandHourly?.usd ?? 1));
  const requirements = randomRequirements(dice);
  const input: SelectionInput = {
    regions: dice.chance(0.1) ? [...regionNames, 'r-absent'] : regionNames,
    ...(dice.chance(0.6) ? { instanceTypes: dice.shuffle(dice.subset(typeNames, 0.7)) } : {}),
    ...(requirements === undefined ? {} : { requirements }),
    offerings,
    market: dice.pick<SelectionInput['market']>(['auto', 'spot', 'on-demand']),
    ...(dice.chance(0.4) ? { maxHourlyPrice: dice.usd(0, Math.max(...allPrices)) } : {}),
  };
  return { book, input };
}
