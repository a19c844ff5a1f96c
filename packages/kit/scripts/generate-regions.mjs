// Generates packages/kit/src/spec/data/regions.json: every AWS region the installed AWS SDK knows, by partition.
//
// Why a generated file: spec validation must not load the AWS SDK (only packages/kit/src/aws may import it, and
// `gm config validate` should stay fast), yet region names must come from the SDK's own partition data, not a
// hand-kept list. Re-run after upgrading @aws-sdk/util-endpoints:
//
//   npx pnpm@10.34.8 exec node packages/kit/scripts/generate-regions.mjs
//
// The partition table is not exported by @aws-sdk/util-endpoints, so it is read from the @aws-sdk/core file that
// util-endpoints re-exports `partition()` from; each region found is then cross-checked against the public
// `partition()` function, so a change in the SDK's internals fails this script loudly instead of producing a
// wrong list.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const kitDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(kitDir, 'src/spec/data/regions.json');
const PARTITIONS_FILE = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';

function packageDir(fromDir, name) {
  const require = createRequire(join(fromDir, 'noop.js'));
  const entry = require.resolve(name);
  let dir = dirname(entry);
  while (!dir.endsWith(join('node_modules', ...name.split('/')))) dir = dirname(dir);
  return dir;
}

const utilEndpointsDir = packageDir(kitDir, '@aws-sdk/util-endpoints');
const coreDir = packageDir(utilEndpointsDir, '@aws-sdk/core');
const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

const { partitionsInfo } = await import(pathToFileURL(join(coreDir, PARTITIONS_FILE)).href);
const { partition } = await import(pathToFileURL(join(utilEndpointsDir, 'dist-cjs/index.js')).href);

const regions = {};
for (const part of partitionsInfo.partitions) {
  for (const [region, data] of Object.entries(part.regions)) {
    // Skip the partitions' pseudo-regions (`aws-global`, `aws-cn-global`, …): they are endpoints, not places.
    if (!new RegExp(part.regionRegex).test(region)) continue;
    const resolved = partition(region);
    if (resolved.name !== part.outputs.name || resolved.description !== data.description) {
      throw new Error(`SDK partition() disagrees about ${region}: ${JSON.stringify(resolved)}`);
    }
    regions[region] = { partition: part.id, description: data.description ?? '' };
  }
}
if (Object.keys(regions).length < 20 || regions['us-east-1'] === undefined) {
  throw new Error(`implausible region list: ${Object.keys(regions).join(', ')}`);
}

const sorted = Object.fromEntries(Object.entries(regions).sort(([a], [b]) => a.localeCompare(b)));
const document = {
  source: `@aws-sdk/util-endpoints@${version(utilEndpointsDir)} partition data (@aws-sdk/core@${version(coreDir)})`,
  generatedAt: new Date().toISOString().slice(0, 10),
  generatedBy: 'packages/kit/scripts/generate-regions.mjs',
  regions: sorted,
};
writeFileSync(outFile, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${Object.keys(sorted).length} regions to ${outFile}`);
