// Builds packages/kit/data/price-snapshot.json — the bundled, dated price snapshot gm falls back to when the AWS
// Price List / Spot APIs are unreachable or denied — from the reference prices in ../shared/pricing/ (see the
// README there for what each file holds and how far each source can be trusted).
//
//   npx pnpm@10.34.8 exec node packages/kit/scripts/build-price-snapshot.mjs [pricing-dir] [--out file]
//
// pricing-dir defaults to ../shared/pricing next to the repository. The output is deterministic (no build
// timestamp), so re-running on unchanged inputs leaves the checked-in file untouched and a test can compare them.
// Refreshing from the live APIs is not done here yet: the AWS fetchers live in kit/src/aws and pricing's impure side.
import { Buffer } from 'node:buffer';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv, shapeOf } from './catalog-csv.mjs';

const kitDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(kitDir, '../..');

const EC2_SOURCE = 'github:skypilot-org/skypilot-catalog/catalogs/v7/aws/vms.csv@001367d22a0033fac286a8c71aeac7109e431bcb';
// The README could not date the catalog commit; its on-demand prices match AWS offer file 20260910195514, so
// month precision is all that can honestly be claimed — and only the on-demand side was cross-checked.
const SNAPSHOT_DATE = '2026-09';
const EC2_AS_OF_NOTE =
  'Catalog commit date unknown. On-demand prices match AWS offer file version 20260910195514 (2026-09-10) for the ' +
  'types cross-checked in ../shared/pricing/README.md; spot prices are one value per AZ taken when the catalog was ' +
  'built, so their month is assumed, not known.';
// Only the prices gm's estimate uses; the CSV rows that carry them, by (service, item).
const SERVICE_ITEMS = [
  { key: 'ebsGp3GbMonth', service: 'EBS', item: 'gp3 storage', unit: 'GB-month' },
  { key: 'efsStandardGbMonth', service: 'EFS', item: 'Standard storage', unit: 'GB-month' },
  { key: 'albHour', service: 'ALB', item: 'Application Load Balancer hour', unit: 'hour' },
  { key: 'albLcuHour', service: 'ALB', item: 'LCU-hour', unit: 'LCU-hour' },
  { key: 'publicIpv4Hour', service: 'VPC', item: 'public IPv4 address (in use or idle)', unit: 'hour' },
  { key: 'dataTransferOutGb', service: 'DataTransfer', item: 'out to internet, first 10 TB/month', unit: 'GB' },
];
const CLOUDFRONT_ITEMS = [
  { key: 'transferOutGb', item: 'data transfer out to internet, first 10 TB/month', unit: 'GB' },
  { key: 'httpsRequestsPer10k', item: 'HTTPS requests', unit: '10000 requests' },
];
// If the file grows past this, only the families gm's tiers actually pick from are kept.
const MAX_BYTES = 500 * 1024;
const SMALL_FAMILIES = ['t3', 't3a', 't4g', 'm7i', 'm7g', 'c7i', 'r7i', 'g4dn', 'g5', 'g6'];

function parseArgs(argv) {
  const outIndex = argv.indexOf('--out');
  const outFile = outIndex >= 0 ? resolve(argv[outIndex + 1]) : join(kitDir, 'data/price-snapshot.json');
  const positional = argv.filter((arg, index) => arg !== '--out' && index !== outIndex + 1);
  const pricingDir = positional[0] === undefined ? join(repoDir, '../shared/pricing') : resolve(positional[0]);
  return { pricingDir, outFile };
}

function usd(text, where) {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`${where}: bad price "${text}"`);
  return value;
}

function addEc2Row(shapes, regions, row) {
  const type = row.InstanceType;
  const shape = shapeOf(row);
  const known = shapes.get(type);
  if (known !== undefined && JSON.stringify(known) !== JSON.stringify(shape)) throw new Error(`${type}: shape differs`);
  shapes.set(type, shape);
  const region = (regions[row.Region] ??= {});
  const where = `${type} ${row.AvailabilityZone}`;
  const entry = (region[type] ??= { onDemandHourly: usd(row.Price, where), offeredAzIds: [], spotHourlyByAzId: {} });
  if (entry.onDemandHourly !== usd(row.Price, where)) throw new Error(`${where}: on-demand differs between AZs`);
  entry.offeredAzIds.push(row.AvailabilityZone);
  // An empty SpotPrice is a gap in the catalog (README), not a zero price: the AZ stays offered, unpriced for spot.
  if (row.SpotPrice !== '') entry.spotHourlyByAzId[row.AvailabilityZone] = usd(row.SpotPrice, where);
}

function sortedObject(object, mapValue = (value) => value) {
  return Object.fromEntries(Object.keys(object).sort().map((key) => [key, mapValue(object[key])]));
}

function buildEc2(rows, families) {
  const shapes = new Map();
  const regions = {};
  for (const row of rows) {
    if (families === undefined || families.includes(row.InstanceType.split('.')[0])) addEc2Row(shapes, regions, row);
  }
  const sortType = (entry) => ({
    onDemandHourly: entry.onDemandHourly,
    offeredAzIds: [...entry.offeredAzIds].sort(),
    spotHourlyByAzId: sortedObject(entry.spotHourlyByAzId),
  });
  return {
    source: EC2_SOURCE,
    onDemandAsOf: SNAPSHOT_DATE,
    spotAsOf: SNAPSHOT_DATE,
    spotAsOfAssumed: true,
    asOfNote: EC2_AS_OF_NOTE,
    families: families ?? [...new Set(rows.map((row) => row.InstanceType.split('.')[0]))].sort(),
    instanceTypes: sortedObject(Object.fromEntries(shapes)),
    regions: sortedObject(regions, (types) => sortedObject(types, sortType)),
  };
}

/**
 * When a row's price was read. Only observation dates count ("Price List API 2026-09-13", "read 2026-09-17",
 * "price date 2026-09-25") or a dated blog URL (/2023/11/02/); an effective date such as "since 2024-02-01" says
 * when a rate began, not that it still held. Anything else gets the snapshot month, flagged as assumed.
 */
function asOfOf(source) {
  const observed = /(?:API|read|date)\s+(\d{4}-\d{2}-\d{2})/.exec(source);
  if (observed !== null) return { asOf: observed[1] };
  const blog = /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(source);
  if (blog !== null) return { asOf: `${blog[1]}-${blog[2]}-${blog[3]}` };
  return { asOf: SNAPSHOT_DATE, asOfAssumed: true };
}

function priceOf(row, unit) {
  if (row.unit !== unit) throw new Error(`${row.service} ${row.item} ${row.region}: unit ${row.unit}, expected ${unit}`);
  return { usd: usd(row.usd, `${row.service} ${row.item} ${row.region}`), unit, ...asOfOf(row.source), source: row.source };
}

function findRow(rows, service, item, region) {
  const found = rows.filter((row) => row.service === service && row.item === item && row.region === region);
  if (found.length > 1) throw new Error(`${service} ${item} ${region}: ${found.length} rows`);
  return found[0];
}

/**
 * Each region gets the items the CSV prices for it, and only those. A missing row stays missing — never the us-east-1
 * price: the README warns regional premiums differ by service and a borrowed price looks as plausible as a right one.
 * An estimate reports such a component as unknown and says its totals exclude it; the live Price List replaces gaps.
 */
function buildServiceRegion(rows, region) {
  const prices = {};
  for (const { key, service, item, unit } of SERVICE_ITEMS) {
    const own = findRow(rows, service, item, region);
    if (own !== undefined) prices[key] = priceOf(own, unit);
  }
  return prices;
}

/** CloudFront is priced per edge zone ("edge:asia-pacific (Singapore group)" → "asia-pacific"), not per region. */
function buildCloudFront(rows) {
  const edges = {};
  for (const row of rows.filter((candidate) => candidate.service === 'CloudFront')) {
    const spec = CLOUDFRONT_ITEMS.find((candidate) => candidate.item === row.item);
    if (spec === undefined) continue;
    const edge = row.region.replace(/^edge:/, '').replace(/\s*\(.*\)$/, '');
    (edges[edge] ??= {})[spec.key] = priceOf(row, spec.unit);
  }
  for (const [edge, prices] of Object.entries(edges)) {
    for (const { key } of CLOUDFRONT_ITEMS) if (prices[key] === undefined) throw new Error(`CloudFront ${edge}: no ${key}`);
  }
  return sortedObject(edges, (prices) => sortedObject(prices));
}

function buildSnapshot(pricingDir, families) {
  const ec2Rows = readCsv(join(pricingDir, 'aws-ec2-vms.csv'));
  const otherRows = readCsv(join(pricingDir, 'aws-other-prices.csv'));
  const ec2 = buildEc2(ec2Rows, families);
  const serviceRegions = new Set(Object.keys(ec2.regions));
  for (const row of otherRows) if (!row.region.startsWith('edge:')) serviceRegions.add(row.region);
  return {
    formatVersion: 1,
    snapshotDate: SNAPSHOT_DATE,
    generatedBy: 'packages/kit/scripts/build-price-snapshot.mjs',
    sourceFiles: ['aws-ec2-vms.csv', 'aws-other-prices.csv'].map((name) =>
      relative(repoDir, join(pricingDir, name)).split('\\').join('/'),
    ),
    notes: {
      prices: 'USD list prices, Linux, shared tenancy; no discounts, Savings Plans, Reserved Instances or free tiers.',
      azIds:
        'Spot prices and offered AZs are keyed by AZ ID (use1-az1), the same physical zone in every account. AZ ' +
        'names (us-east-1a) map to different IDs in each account: translate with DescribeAvailabilityZones.',
      asOf: 'YYYY-MM-DD where the source states when it was read, else YYYY-MM with asOfAssumed: true.',
      missing: 'A region without its own row for an item has no price for it (never another region\'s): estimates report that component as unknown.',
    },
    ec2,
    services: {
      regions: sortedObject(Object.fromEntries([...serviceRegions].map((region) => [region, buildServiceRegion(otherRows, region)]))),
      cloudFrontEdges: buildCloudFront(otherRows),
    },
  };
}

const { pricingDir, outFile } = parseArgs(process.argv.slice(2));
let text = `${JSON.stringify(buildSnapshot(pricingDir, undefined), null, 1)}\n`;
if (Buffer.byteLength(text) > MAX_BYTES) text = `${JSON.stringify(buildSnapshot(pricingDir, SMALL_FAMILIES), null, 1)}\n`;
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
console.log(`wrote ${outFile} (${Buffer.byteLength(text)} bytes)`);
