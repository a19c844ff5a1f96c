// Shared by the data generators (instance types, price snapshot): reading the reference CSVs in ../shared/pricing.
import { readFileSync } from 'node:fs';

/** RFC 4180-ish: commas separate fields, double quotes wrap fields that contain commas or quotes. */
export function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') { field += '"'; i += 1; }
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { fields.push(field); field = ''; }
    else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Every row of a CSV file as an object keyed by the header's column names. */
export function readCsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = parseCsvLine(header);
  return lines.map((line) => {
    const values = parseCsvLine(line);
    return Object.fromEntries(columns.map((column, index) => [column, values[index] ?? '']));
  });
}

/** AWS names Graviton (arm64) families with a `g` processor letter after the generation: t4g, m7g, g5g, c7gn. */
export function architectureOf(type) {
  const match = /^[a-z]+\d+([a-z]*)$/.exec(type.split('.')[0].split('-')[0]);
  if (match === null) throw new Error(`cannot parse the family of ${type}`);
  return match[1].includes('g') ? 'arm64' : 'x86_64';
}

/** The shape of an instance type from one catalog row: vCPUs, memory, GPUs, architecture. */
export function shapeOf(row) {
  const gpuCount = row.AcceleratorCount === '' ? 0 : Number(row.AcceleratorCount);
  return {
    vCPUs: Number(row.vCPUs),
    memoryGiB: Number(row.MemoryGiB),
    gpuCount,
    gpuName: gpuCount > 0 ? row.AcceleratorName : null,
    architecture: architectureOf(row.InstanceType),
  };
}
