#!/usr/bin/env node
// bench/startup: median wall time of `gm --help` and `gm --version` against `node -e 0`, measured in the same run.
// Budget (DESIGN §7): gm --help within 3x of node -e 0. Prints figures; it is not a pass/fail test.
// Usage: pnpm bench:startup [-- --runs N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const gm = fileURLToPath(new URL('../packages/cli/bin/run.js', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 21;

function timeOnce(args) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return elapsedMs;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const cases = [
  ['node -e 0', ['-e', '0']],
  ['gm --help', [gm, '--help']],
  ['gm --version', [gm, '--version']],
];
// Warm the file cache once so the first case is not penalised.
for (const [, args] of cases) timeOnce(args);
// Interleave the cases so machine noise hits them alike.
const samples = new Map(cases.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) for (const [name, args] of cases) samples.get(name).push(timeOnce(args));

const baseline = median(samples.get('node -e 0'));
console.log(`bench/startup — node ${process.version}, ${runs} runs each, median wall time`);
for (const [name] of cases) {
  const value = median(samples.get(name));
  const ratio = (value / baseline).toFixed(2);
  console.log(`${name.padEnd(14)} ${value.toFixed(1).padStart(7)} ms   ${ratio}x node -e 0`);
}
const helpRatio = median(samples.get('gm --help')) / baseline;
console.log(`goal: gm --help within 3x of node -e 0 → ${helpRatio <= 3 ? 'met' : 'NOT met'} (${helpRatio.toFixed(2)}x)`);
