#!/usr/bin/env node
// bench/list: `gm list --json` over 200 deployments in GM_HOME (budget, DESIGN §7: under 300 ms). Median wall time
// of the whole gm process, beside `node -e 0` measured in the same run. Figures only — not a pass/fail test.
// Usage: pnpm bench:list [-- --count 200 --runs 11]   (build first: pnpm build)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const count = arg('count', 200);
const runs = arg('runs', 11);
const gm = fileURLToPath(new URL('../packages/cli/bin/run.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'gm-bench-list-'));

// Realistic documents: the shape `gm deploy tier1` writes (a 15-step plan, outputs, cost), one per deployment.
function stateFor(name, index) {
  const steps = ['vpc', 'internet-gateway', 'subnet-1', 'subnet-2', 'route-table', 'sg-instance', 'sg-efs', 'efs', 'mount-target-1', 'mount-target-2', 'secrets', 'iam-role', 'instance-profile', 'elastic-ip', 'instance'];
  const createdAt = new Date(Date.UTC(2026, 10, 1) + index * 3_600_000).toISOString();
  return {
    schemaVersion: 1, name, deploymentId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, tier: 'tier1', region: 'us-east-1',
    status: index % 7 === 0 ? 'failed' : 'deployed', createdAt, updatedAt: createdAt,
    spec: { name, tier: 'tier1', market: 'auto', allowedCidr: '0.0.0.0/0', cidr: '10.42.0.0/16', tags: {}, models: ['llama3.2:1b'], images: {}, region: 'us-east-1' },
    plan: { deploymentName: name, deploymentId: 'x', tier: 'tier1', region: 'us-east-1', steps: steps.map((id) => ({ id, kind: 'vpc', action: 'create', title: id, dependsOn: [], input: { cidr: '10.42.0.0/16' } })) },
    outputs: Object.fromEntries(steps.map((id) => [id, { id: `${id}-${index}` }])),
    cost: { instanceType: 't3a.large', market: 'spot', hourly: 0.034 + index / 1e5, monthly: 24.82, source: { kind: 'snapshot', date: '2026-09' } },
    endpoints: { url: `https://10.0.${index % 250}.1/`, publicIp: `10.0.${index % 250}.1` },
  };
}

for (let i = 0; i < count; i++) {
  const name = `bench-${String(i).padStart(3, '0')}`;
  const dir = join(home, 'deployments', name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'state.json'), JSON.stringify(stateFor(name, i)), { mode: 0o600 });
}

const env = { ...process.env, GM_HOME: home, CI: '1' };
function time(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: run.stdout };
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
time([gm, 'list', '--json']);
const listed = JSON.parse(time([gm, 'list', '--json']).stdout).result.length;
const list = [];
const baseline = [];
for (let i = 0; i < runs; i++) {
  baseline.push(time(['-e', '0']).ms);
  list.push(time([gm, 'list', '--json']).ms);
}
console.log(`bench/list — ${listed} deployments in GM_HOME, ${runs} runs, median wall time (node ${process.version})`);
console.log(`node -e 0            ${median(baseline).toFixed(1)} ms`);
console.log(`gm list --json       ${median(list).toFixed(1)} ms   (budget 300 ms) → ${median(list) < 300 ? 'met' : 'NOT met'}`);
