#!/usr/bin/env node
// Builds the checked-in emulator fixtures under packages/testkit/fixtures/ from the reference price files in
// ../shared/pricing/ (which cite their own sources). Run by hand when those files change:
//   node packages/testkit/scripts/build-fixtures.mjs [path/to/shared/pricing]
// Tests and the proxy read only the JSON written here, never ../shared.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGIONS, AZ_NAMES_MOTO_5_2_5, otherPriceProduct } from './fixture-tables.mjs';
import { amiFixtures } from './ami-fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixturesDir = resolve(here, '../fixtures');
const pricingDir = resolve(process.argv[2] ?? join(here, '../../../../shared/pricing'));
const FAMILIES = ['t3', 't3a', 't4g', 'm7i', 'm7g', 'c7i', 'r7i', 'g4dn', 'g5', 'g6'];
// Sizes above 12xlarge and bare metal add rows without adding test value.
const SKIPPED_SIZE = /\.(16xlarge|24xlarge|32xlarge|48xlarge|metal.*)$/;

/** RFC 4180 enough for these files: quoted fields may hold commas and doubled quotes. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/).filter((l) => l !== '')) {
    const fields = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    rows.push(fields);
  }
  const [header, ...body] = rows;
  return body.map((fields) => Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])));
}

function ec2Catalog(rows) {
  const regions = {};
  for (const row of rows) {
    const family = row.InstanceType.split('.')[0];
    if (!FAMILIES.includes(family) || SKIPPED_SIZE.test(row.InstanceType) || !REGIONS[row.Region]) continue;
    const types = (regions[row.Region] ??= {});
    const entry = (types[row.InstanceType] ??= {
      vcpus: Number(row.vCPUs),
      memoryGiB: Number(row.MemoryGiB),
      gpus: row.AcceleratorCount === '' ? 0 : Number(row.AcceleratorCount),
      accelerator: row.AcceleratorName === '' ? null : row.AcceleratorName,
      onDemand: Number(row.Price),
      spot: {},
    });
    // An empty SpotPrice means the catalog saw no spot offer in that AZ: leave the AZ out.
    if (row.SpotPrice !== '') entry.spot[row.AvailabilityZone] = Number(row.SpotPrice);
  }
  return regions;
}

/** Indented JSON, except that each instance type of the catalog stays on one line (smaller file, readable diffs). */
function toJson(value) {
  return JSON.stringify(value, null, 1)
    .replace(/\n\s+("[a-z0-9]+\.[a-z0-9]+": )(\{[^]*?\n\s+\}\n?\s*\})/g, (_, key, body) => `\n   ${key}${JSON.stringify(JSON.parse(body))}`);
}

function writeJson(name, value) {
  writeFileSync(join(fixturesDir, name), `${toJson(value)}\n`);
  console.log(`wrote fixtures/${name}`);
}

const vmsCsv = join(pricingDir, 'aws-ec2-vms.csv');
const otherCsv = join(pricingDir, 'aws-other-prices.csv');
writeJson('ec2-catalog.json', {
  source:
    'github:skypilot-org/skypilot-catalog/catalogs/v7/aws/vms.csv@001367d22a0033fac286a8c71aeac7109e431bcb (on-demand Linux price per region; one spot price per AZ id, a snapshot)',
  generatedFrom: 'shared/pricing/aws-ec2-vms.csv by packages/testkit/scripts/build-fixtures.mjs',
  families: FAMILIES,
  azNames: AZ_NAMES_MOTO_5_2_5,
  azNamesSource: 'moto 5.2.5 moto/ec2/models/availability_zones_and_regions.py, so names agree with DescribeAvailabilityZones',
  priceListRegions: REGIONS,
  regions: ec2Catalog(parseCsv(readFileSync(vmsCsv, 'utf8'))),
});
writeJson('pricing-products.json', {
  source: 'shared/pricing/aws-other-prices.csv (each product keeps its row source in `citation`)',
  generatedFrom: 'shared/pricing/aws-other-prices.csv by packages/testkit/scripts/build-fixtures.mjs',
  note: 'Attribute layout modelled on the Price List API (see shared/pricing/README.md); SKUs are synthetic.',
  products: parseCsv(readFileSync(otherCsv, 'utf8')).flatMap(otherPriceProduct),
});
// moto loads MOTO_AMIS_PATH as a bare list of Ami(**kwargs): no room for a source note inside (see fixtures/README.md).
writeJson('amis.json', amiFixtures());
