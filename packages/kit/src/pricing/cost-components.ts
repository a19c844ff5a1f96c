import { GmError } from '../errors/index.js';
import type { UsageAssumptions } from './assumptions.js';
import { amountsFromHourlyMicros, hourlyMicrosFromMonthly, toMicros } from './money.js';
import { cheapestSpotHourly, cloudFrontPrices, onDemandHourly, servicePrices, spotHourly } from './price-book.js';
import type { PriceBook, PriceFigure, PriceSourceKind } from './types.js';

export type CostComponentKind = 'compute' | 'ebs' | 'efs' | 'public-ipv4' | 'alb' | 'cloudfront' | 'data-transfer';

/** A market an instance is actually bought in (`auto` resolves to one of these). */
export type InstanceMarket = 'spot' | 'on-demand';

/** One billed quantity at one unit price. */
export interface PricedItem {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: PriceFigure;
  readonly hourly: number;
  readonly monthly: number;
}

/** The provenance of a set of figures: the least live source among them, and the oldest date. */
export interface FigureSource {
  readonly kind: PriceSourceKind;
  readonly date: string;
}

export interface CostComponent {
  readonly kind: CostComponentKind;
  readonly description: string;
  /** null when a price it needs is unknown for the region (see `unknown`); totals then exclude the component. */
  readonly hourly: number | null;
  readonly monthly: number | null;
  /** Why the component could not be priced (e.g. "no EFS Standard storage price for eu-west-1"); absent when priced. */
  readonly unknown?: string;
  /** The usage assumed, in words (e.g. "10 GiB on EFS Standard"). */
  readonly assumption: string;
  readonly source: FigureSource;
  readonly items: readonly PricedItem[];
}

/** What every component builder needs. */
export interface CostContext {
  readonly book: PriceBook;
  readonly region: string;
  readonly instanceType: string;
  readonly assumptions: UsageAssumptions;
}

interface ItemSpec {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  /** Whether the quantity is per hour (an instance, an address) or per month (GB stored, GB served). */
  readonly per: 'hour' | 'month';
  readonly price: PriceFigure | undefined;
}

const LIVENESS: readonly PriceSourceKind[] = ['snapshot', 'cache', 'api'];

/** Least live kind wins (a mix of api and snapshot is labelled snapshot), and the oldest date: the honest label. */
export function combineSources(figures: readonly PriceFigure[]): FigureSource {
  const kind = LIVENESS.find((candidate) => figures.some((figure) => figure.source === candidate)) ?? 'api';
  const date = figures.map((figure) => figure.asOf).sort()[0] ?? '';
  return { kind, date };
}

export function priceUnknown(what: string, region: string): GmError {
  return new GmError({
    code: 'PRICE_UNKNOWN',
    message: `No price known for ${what} in ${region}.`,
    hint: 'Check the instance type is offered in that region (gm discover), or run with AWS credentials so gm can read live prices.',
    details: { what, region },
  });
}

function priceItem(spec: ItemSpec, context: CostContext): PricedItem {
  if (spec.price === undefined) throw priceUnknown(spec.item, context.region);
  const { hoursPerMonth } = context.assumptions;
  const cost = spec.quantity * spec.price.usd;
  const hourlyMicros = spec.per === 'hour' ? toMicros(cost) : hourlyMicrosFromMonthly(cost, hoursPerMonth);
  const { item, quantity, unit } = spec;
  return { item, quantity, unit, unitPrice: spec.price, ...amountsFromHourlyMicros(hourlyMicros, hoursPerMonth) };
}

/**
 * A component from its items; an unpriced item of quantity 0 is left out. An item the region has no price for makes
 * the whole component unknown (hourly and monthly null) — never another region's price (../shared/pricing/README.md).
 */
function component(kind: CostComponentKind, description: string, assumption: string, specs: readonly ItemSpec[], context: CostContext): CostComponent {
  const needed = specs.filter((spec) => spec.price !== undefined || spec.quantity > 0);
  const unpriced = needed.filter((spec) => spec.price === undefined).map((spec) => spec.item);
  if (unpriced.length > 0) {
    const unknown = `no ${unpriced.join(' or ')} price known for ${context.region}`;
    return { kind, description, assumption, hourly: null, monthly: null, unknown, source: { kind: 'snapshot', date: '' }, items: [] };
  }
  const items = needed.map((spec) => priceItem(spec, context));
  const hourlyMicros = items.reduce((sum, item) => sum + toMicros(item.hourly), 0);
  const source = combineSources(items.map((item) => item.unitPrice));
  return { kind, description, assumption, ...amountsFromHourlyMicros(hourlyMicros, context.assumptions.hoursPerMonth), source, items };
}

/** The instance, on-demand or spot (in `azId`, or the cheapest priced AZ when none is given). */
export function computeComponent(context: CostContext, market: InstanceMarket, azId?: string): CostComponent {
  const { book, region, instanceType } = context;
  const description = `EC2 ${instanceType} (${market}, Linux)`;
  if (market === 'on-demand') {
    const price = onDemandHourly(book, region, instanceType);
    // Without the instance's price there is no estimate at all (unlike a service component, which can be left out).
    if (price === undefined) throw priceUnknown(`${instanceType} on-demand`, region);
    const specs = [{ item: `${instanceType} on-demand`, quantity: 1, unit: 'instance-hour', per: 'hour' as const, price }];
    return component('compute', description, `1 instance running 24/7, on-demand, shared tenancy in ${region}`, specs, context);
  }
  const chosen = azId === undefined ? cheapestSpotHourly(book, region, instanceType) : undefined;
  const spotAzId = azId ?? chosen?.azId;
  const price = azId === undefined ? chosen?.price : spotHourly(book, region, instanceType, azId);
  if (spotAzId === undefined || price === undefined) throw priceUnknown(`${instanceType} spot${azId === undefined ? '' : ` in ${azId}`}`, region);
  const where = azId === undefined ? `the cheapest priced AZ (${spotAzId})` : spotAzId;
  const assumption = `1 instance running 24/7 at the latest spot price in ${where}; spot prices move and the instance can be interrupted`;
  const specs = [{ item: `${instanceType} spot in ${spotAzId}`, quantity: 1, unit: 'instance-hour', per: 'hour' as const, price }];
  return component('compute', description, assumption, specs, context);
}

export function ebsComponent(context: CostContext): CostComponent {
  const gib = context.assumptions.rootVolumeGiB;
  const price = servicePrices(context.book, context.region).ebsGp3GbMonth;
  const specs = [{ item: 'EBS gp3 storage', quantity: gib, unit: 'GB-month', per: 'month' as const, price }];
  return component('ebs', 'EBS gp3 root volume', `${gib} GiB gp3, encrypted; the 3,000 IOPS / 125 MiB/s baseline is included`, specs, context);
}

export function efsComponent(context: CostContext): CostComponent {
  const gib = context.assumptions.efsGiB;
  const price = servicePrices(context.book, context.region).efsStandardGbMonth;
  const specs = [{ item: 'EFS Standard storage', quantity: gib, unit: 'GB-month', per: 'month' as const, price }];
  return component('efs', 'EFS file system (persistent data)', `${gib} GiB on EFS Standard; Elastic-throughput access charges not included`, specs, context);
}

export function publicIpv4Component(context: CostContext, why: string): CostComponent {
  const count = context.assumptions.publicIpv4Count;
  const price = servicePrices(context.book, context.region).publicIpv4Hour;
  const specs = [{ item: 'public IPv4 address', quantity: count, unit: 'address-hour', per: 'hour' as const, price }];
  return component('public-ipv4', 'Public IPv4 addresses', `${count} address${count === 1 ? '' : 'es'} (${why}), billed in use or idle`, specs, context);
}

export function dataTransferComponent(context: CostContext, why: string): CostComponent {
  const gb = context.assumptions.dataTransferOutGB;
  const price = servicePrices(context.book, context.region).dataTransferOutGb;
  const specs = [{ item: 'data transfer out to the internet', quantity: gb, unit: 'GB', per: 'month' as const, price }];
  return component('data-transfer', 'Data transfer out to the internet', `${gb} GB/month (${why}); first-10-TB tier rate`, specs, context);
}

export function albComponent(context: CostContext): CostComponent {
  const lcu = context.assumptions.albLcu;
  const prices = servicePrices(context.book, context.region);
  const specs: ItemSpec[] = [
    { item: 'Application Load Balancer', quantity: 1, unit: 'hour', per: 'hour', price: prices.albHour },
    { item: 'ALB capacity units', quantity: lcu, unit: 'LCU-hour', per: 'hour', price: prices.albLcuHour },
  ];
  return component('alb', 'Application Load Balancer (two AZs)', `1 ALB running 24/7 at ${lcu} LCU on average`, specs, context);
}

export function cloudFrontComponent(context: CostContext): CostComponent {
  const { cloudFrontGB, cloudFrontRequests } = context.assumptions;
  const { edgeZone, prices } = cloudFrontPrices(context.book, context.region);
  const specs: ItemSpec[] = [
    { item: 'CloudFront data transfer out', quantity: cloudFrontGB, unit: 'GB', per: 'month', price: prices.transferOutGb },
    { item: 'CloudFront HTTPS requests', quantity: cloudFrontRequests / 10_000, unit: '10000 requests', per: 'month', price: prices.httpsRequestsPer10k },
  ];
  const assumption =
    `${cloudFrontGB} GB and ${cloudFrontRequests.toLocaleString('en-US')} HTTPS requests per month at ${edgeZone} edge rates ` +
    '(viewers near the region); the always-free allowance is not subtracted';
  return component('cloudfront', 'CloudFront distribution', assumption, specs, context);
}
