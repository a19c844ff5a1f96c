// Generates packages/kit/src/spec/data/instance-types.json — the instance types gm knows (shape, GPU, CPU
// architecture, regions offered) — from the reference price catalog in ../shared/pricing/aws-ec2-vms.csv.
//
// Why bundled: `gm config validate` checks instance types offline and without the AWS SDK. Re-run when the catalog
// changes:
//
//   npx pnpm@10.34.8 exec node packages/kit/scripts/generate-instance-types.mjs [path/to/aws-ec2-vms.csv]
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv, shapeOf } from './catalog-csv.mjs';

const kitDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(kitDir, '../..');
const csvFile = process.argv[2] ?? join(repoDir, '../shared/pricing/aws-ec2-vms.csv');
const outFile = join(kitDir, 'src/spec/data/instance-types.json');

// What ../shared/pricing/README.md says about the catalog; recorded in the output so every consumer can cite it.
const SOURCE = 'github:skypilot-org/skypilot-catalog/catalogs/v7/aws/vms.csv@001367d22a0033fac286a8c71aeac7109e431bcb';
const SOURCE_DATE = 'about 2026-09 (on-demand prices match AWS offer file 20260910195514; catalog commit date unknown)';


function gpuMemoryGiB(gpuInfo) {
  const match = /'TotalGpuMemoryInMiB': (\d+)/.exec(gpuInfo);
  return match === null ? 0 : Math.round((Number(match[1]) / 1024) * 100) / 100;
}

function toEntry(row) {
  // Key order kept as before (architecture after the GPU fields) so the generated file does not change.
  const { architecture, ...shape } = shapeOf(row);
  return { ...shape, gpuMemoryGiB: gpuMemoryGiB(row.GpuInfo), architecture, regions: [] };
}

const types = new Map();
for (const row of readCsv(csvFile)) {
  if (!types.has(row.InstanceType)) types.set(row.InstanceType, toEntry(row));
  const entry = types.get(row.InstanceType);
  if (entry.vCPUs !== Number(row.vCPUs) || entry.memoryGiB !== Number(row.MemoryGiB)) {
    throw new Error(`${row.InstanceType}: shape differs between rows`);
  }
  if (!entry.regions.includes(row.Region)) entry.regions.push(row.Region);
}
for (const entry of types.values()) entry.regions.sort();

const document = {
  source: SOURCE,
  sourceFile: relative(repoDir, csvFile).split('\\').join('/'),
  sourceDate: SOURCE_DATE,
  generatedAt: new Date().toISOString().slice(0, 10),
  generatedBy: 'packages/kit/scripts/generate-instance-types.mjs',
  instanceTypes: Object.fromEntries([...types.entries()].sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(outFile, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${types.size} instance types to ${outFile}`);
