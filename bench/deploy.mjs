#!/usr/bin/env node
// bench/deploy: a tier-1 deploy against the local emulator with 100 ms added to every AWS call.
// Prints the API calls made, the wall time of the deploy, and the plan's critical path measured in the same run:
// the longest dependency chain, each step weighted by how long it really took (intent → ready in the journal).
// Budgets (DESIGN §7): ≤ 40 API calls; wall time ≤ 1.3 × critical path. Figures only — not a pass/fail test.
// Usage: pnpm bench:deploy [-- --latency 100] [-- --no-wait]   (build first: pnpm build)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { startEmulator, gmEnvironment } = await import(join(repo, 'packages/testkit/dist/index.js'));
const { criticalPath } = await import(join(repo, 'packages/kit/dist/engine/index.js'));
const latencyFlag = process.argv.indexOf('--latency');
const latencyMs = latencyFlag > 0 ? Number(process.argv[latencyFlag + 1]) : 100;
// The full deploy by default (including the readiness probe over SSM); `--no-wait` measures the infrastructure only.
const wait = !process.argv.includes('--no-wait');

const emulator = await startEmulator();
const home = mkdtempSync(join(tmpdir(), 'gm-bench-deploy-'));
const accessKeyId = 'AKIAGMBENCHDEPLOY'; // the proxy scopes the latency fault and the call log to this key
try {
  await emulator.control.injectFault({ operation: '*', latencyMs, accessKeyId });
  const env = gmEnvironment(home, home, emulator.endpoint, { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'bench' });
  const args = [join(repo, 'packages/cli/bin/run.js'), 'deploy', 'tier1', '--name', 'bench', '--yes', '--json', ...(wait ? [] : ['--no-wait'])];
  const started = Date.now();
  // Asynchronous on purpose: the emulator's proxy runs in this process and must keep answering while gm runs.
  const run = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const wallMs = Date.now() - started;
  if (run.status !== 0) throw new Error(`deploy exited ${run.status}: ${run.stdout}\n${run.stderr}`);
  const calls = await emulator.control.calls({ accessKeyId });
  const journal = readFileSync(join(home, 'deployments/bench/journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const state = JSON.parse(readFileSync(join(home, 'deployments/bench/state.json'), 'utf8'));
  const times = new Map();
  for (const entry of journal) {
    if (entry.type === 'intent' || entry.type === 'reused') times.set(entry.stepId, { start: Date.parse(entry.at) });
    if (entry.type === 'ready' && times.has(entry.stepId)) times.get(entry.stepId).end = Date.parse(entry.at);
  }
  const duration = (step) => { const t = times.get(step.id); return t?.end === undefined ? 0 : t.end - t.start; };
  const path = criticalPath(state.plan.steps, duration);
  const first = Math.min(...[...times.values()].map((t) => t.start));
  const last = Math.max(...[...times.values()].map((t) => t.end ?? 0));
  const byOperation = new Map();
  for (const call of calls) byOperation.set(`${call.service} ${call.operation}`, (byOperation.get(`${call.service} ${call.operation}`) ?? 0) + 1);
  console.log(`bench/deploy — tier1 against the emulator, +${latencyMs} ms per call, ${wait ? 'waiting for readiness' : '--no-wait'}`);
  console.log(`API calls:            ${calls.length} (budget 40)`);
  for (const [operation, count] of [...byOperation].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(3)}  ${operation}`);
  console.log(`gm process wall time: ${(wallMs / 1000).toFixed(2)} s (includes Node start, preflight, state writes)`);
  console.log(`plan execution:       ${((last - first) / 1000).toFixed(2)} s (first intent → last ready)`);
  console.log(`critical path:        ${(path.length / 1000).toFixed(2)} s  ${path.chain.join(' → ')}`);
  console.log(`ratio:                ${((last - first) / path.length).toFixed(2)} × critical path (budget 1.3)`);
} finally {
  await emulator.stop();
}
