// Oracle test: selectPlacement against an independent, brute-force definition of "feasible" over many random,
// seeded PriceBooks. A failure names its seed; replay it with randomCase(seed).
import { selectPlacement, type InstanceShape, type SelectionInput, type SelectionOutcome } from '@geusemaker/kit/pricing';
import { Dice, prng, randomCase, type RandomCase } from './random-price-book.js';

const CASES = 1000;

function meets(shape: InstanceShape, input: SelectionInput): boolean {
  const req = input.requirements ?? {};
  if (req.architecture !== undefined && shape.architecture !== req.architecture) return false;
  if (req.gpu === true && shape.gpuCount === 0) return false;
  if (req.gpu === false && shape.gpuCount > 0) return false;
  return shape.vCPUs >= (req.minVcpus ?? 0) && shape.memoryGiB >= (req.minMemoryGiB ?? 0);
}

/** Every feasible (region, AZ, type, market) with its hourly price, by brute force: key `region|az|type|market`. */
function feasibleOptions({ book, input }: RandomCase): Map<string, number> {
  const feasible = new Map<string, number>();
  const markets = input.market === 'auto' ? ['spot', 'on-demand'] : [input.market];
  const regions = [...new Set(input.regions)];
  const types = input.instanceTypes ?? regions.flatMap((region) => Object.keys(book.regions[region]?.instanceTypes ?? {}));
  for (const region of regions) {
    for (const type of new Set(types)) {
      const entry = Object.hasOwn(book.regions, region) ? book.regions[region]?.instanceTypes[type] : undefined;
      if (entry === undefined || !meets(entry.shape, input)) continue;
      for (const [azId, offered] of Object.entries(input.offerings[region] ?? {})) {
        if (!offered.includes(type)) continue;
        for (const market of markets) {
          const price = market === 'spot' ? entry.spotHourlyByAzId[azId] : entry.onDemandHourly;
          if (price === undefined || (input.maxHourlyPrice !== undefined && price.usd > input.maxHourlyPrice)) continue;
          feasible.set(`${region}|${azId}|${type}|${market}`, price.usd);
        }
      }
    }
  }
  return feasible;
}

/** A copy of the case with every map and list in another order: the answer must not change. */
function reordered(testCase: RandomCase, seed: number): RandomCase {
  const dice = new Dice(prng(seed));
  const offerings = Object.fromEntries(
    dice.shuffle(Object.entries(testCase.input.offerings)).map(([region, byAz]) => [
      region,
      Object.fromEntries(dice.shuffle(Object.entries(byAz)).map(([azId, types]) => [azId, dice.shuffle(types)])),
    ]),
  );
  const regions = Object.fromEntries(dice.shuffle(Object.entries(testCase.book.regions)));
  return { book: { ...testCase.book, regions }, input: { ...testCase.input, offerings } };
}

interface Stats {
  withOptions: number;
  none: number;
  firstNotCheapest: number;
  dominatedDropped: number;
}

const keyOf = (o: { region: string; azId?: string; instanceType: string; market?: string }): string => `${o.region}|${o.azId}|${o.instanceType}|${o.market}`;

/** Every property one case must have; returns the violations (jest's expect is too slow to call per property). */
function checkCase(seed: number, stats: Stats): string[] {
  const testCase = randomCase(seed);
  const outcome: SelectionOutcome = selectPlacement(testCase.input, testCase.book);
  const feasible = feasibleOptions(testCase);
  const problems: string[] = [];
  const shuffled = reordered(testCase, seed + 1);
  if (JSON.stringify(selectPlacement(shuffled.input, shuffled.book)) !== JSON.stringify(outcome)) problems.push('depends on input order');
  if (outcome.kind === 'none') {
    stats.none += 1;
    if (feasible.size > 0) problems.push(`none, but ${feasible.size} feasible`);
    if (outcome.why === '') problems.push('none without a why');
    return problems;
  }
  stats.withOptions += 1;
  if (feasible.size === 0) problems.push('options, but nothing is feasible');
  const keys = outcome.options.map(keyOf);
  if (new Set(keys).size !== keys.length) problems.push('duplicate options');
  problems.push(...keys.filter((key, index) => feasible.get(key) !== outcome.options[index]?.hourly).map((key) => `infeasible or mispriced: ${key}`));
  const cheapest = Math.min(...feasible.values());
  const first = outcome.options[0]?.hourly ?? Infinity;
  if (first > cheapest * 1.05 + 1e-12) problems.push(`first ${first} > 105% of cheapest feasible ${cheapest}`);
  if (first > cheapest) stats.firstNotCheapest += 1;
  problems.push(...marketOrderProblems(testCase.input, outcome.options.map((option) => option.market)));
  problems.push(...bandProblems(outcome.options));
  // Nothing feasible is lost: each feasible option is listed, or (auto) dropped as no cheaper than on-demand.
  const dominated = outcome.excluded.filter((exclusion) => exclusion.reason === 'dominated-by-on-demand').map(keyOf);
  stats.dominatedDropped += dominated.length;
  if (keys.length + dominated.length !== feasible.size) problems.push(`${keys.length} listed + ${dominated.length} dominated != ${feasible.size} feasible`);
  return problems;
}

function marketOrderProblems(input: SelectionInput, markets: readonly string[]): string[] {
  if (input.market !== 'auto') return markets.every((market) => market === input.market) ? [] : [`market ${input.market} lists another market`];
  const firstOnDemand = markets.indexOf('on-demand');
  return firstOnDemand === -1 || markets.lastIndexOf('spot') < firstOnDemand ? [] : ['auto lists on-demand before spot'];
}

/** When the engine reaches any option, it costs at most 5% more than the cheapest option of its market still left. */
function bandProblems(options: readonly { hourly: number; market: string }[]): string[] {
  return options.flatMap((option, index) => {
    const rest = options.slice(index).filter((other) => other.market === option.market);
    const cheapestLeft = Math.min(...rest.map((other) => other.hourly));
    return option.hourly > cheapestLeft * 1.05 + 1e-12 ? [`rank ${index + 1} at ${option.hourly} > 105% of ${cheapestLeft} left`] : [];
  });
}

describe('selectPlacement oracle', () => {
  it(`over ${CASES} random PriceBooks: the first option is feasible and within 5% of the cheapest feasible one`, () => {
    const stats: Stats = { withOptions: 0, none: 0, firstNotCheapest: 0, dominatedDropped: 0 };
    const problems: string[] = [];
    for (let seed = 1; seed <= CASES; seed += 1) problems.push(...checkCase(seed, stats).map((problem) => `seed ${seed}: ${problem}`));
    expect(problems).toEqual([]);
    // The generator must exercise every branch, or the properties above prove little.
    expect(stats.withOptions).toBeGreaterThan(CASES / 2);
    expect(stats.none).toBeGreaterThan(CASES / 50);
    expect(stats.firstNotCheapest).toBeGreaterThan(10);
    expect(stats.dominatedDropped).toBeGreaterThan(10);
  });
});
