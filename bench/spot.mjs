#!/usr/bin/env node
// bench/spot: the spot choice across 4 regions × 6 instance types against the local emulator, with 200 ms added to
// every AWS call — cold (empty price cache) and warm (from GM_HOME/cache/prices).
// Two figures per run:
//   - in-process: livePriceBook + selectPlacement (kit, built) — what "spot choice" itself costs;
//   - gm process: `gm cost spot … --json` wall time (includes Node start and oclif, ~0.3–0.5 s of fixed cost).
// Budgets (DESIGN §7): cold < 2 s, cached < 100 ms (the in-process figure). Figures only — not a pass/fail test.
// Usage: pnpm bench:spot [-- --latency 200] [-- --runs 3]   (build first: pnpm build)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { startEmulator, gmEnvironment } = await import(join(repo, 'packages/testkit/dist/index.js'));
const { createAwsContext } = await import(join(repo, 'packages/kit/dist/aws/index.js'));
const pricing = await import(join(repo, 'packages/kit/dist/pricing/index.js'));
const option = (name, fallback) => (process.argv.indexOf(name) > 0 ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const latencyMs = option('--latency', 200);
const runs = option('--runs', 3);
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
const instanceTypes = ['t3.large', 't3a.large', 'm7i.large', 'm6i.large', 'c7i.xlarge', 'r7i.large'];

const emulator = await startEmulator();
const accessKeyId = 'AKIAGMBENCHSPOT0001';
const credentials = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'bench' };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** livePriceBook + selectPlacement in this process; returns ms and how many AWS calls it made. */
async function inProcess(cacheDir) {
  const before = (await emulator.control.calls({ accessKeyId })).length;
  const started = performance.now();
  const aws = await createAwsContext({ region: regions[0], endpointUrl: emulator.endpoint, maxAttempts: 3 });
  const { book, warnings } = await pricing.livePriceBook(aws, { regions, instanceTypes, cacheDir });
  const outcome = pricing.selectPlacement({ regions, instanceTypes, offerings: pricing.offeringsFromPriceBook(book, regions), market: 'spot' }, book);
  const ms = performance.now() - started;
  aws.destroy();
  if (warnings.length > 0) throw new Error(`live prices fell back: ${warnings.join(' ')}`);
  const best = outcome.kind === 'options' ? outcome.options[0] : undefined;
  return { ms, calls: (await emulator.control.calls({ accessKeyId })).length - before, best };
}

/** `gm cost spot` as a user runs it (asynchronously: the emulator's proxy lives in this process). */
function gmProcess(home) {
  const args = [join(repo, 'packages/cli/bin/run.js'), 'cost', 'spot', ...regions.flatMap((r) => ['--region', r]), ...instanceTypes.flatMap((t) => ['--instance-type', t]), '--json'];
  const env = gmEnvironment(home, home, emulator.endpoint, { ...credentials, AWS_REGION: regions[0] });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => {
      const ms = performance.now() - started;
      if (status !== 0) reject(new Error(`gm cost spot exited ${status}: ${stdout}\n${stderr}`));
      else resolve({ ms, result: JSON.parse(stdout) });
    });
  });
}

try {
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'bench';
  await emulator.control.injectFault({ operation: '*', latencyMs, accessKeyId });
  const figures = { cold: [], warm: [], gmCold: [], gmWarm: [] };
  let calls = { cold: 0, warm: 0 };
  let best;
  for (let run = 0; run < runs; run++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'gm-bench-spot-cache-'));
    const cold = await inProcess(cacheDir);
    const warm = await inProcess(cacheDir);
    figures.cold.push(cold.ms);
    figures.warm.push(warm.ms);
    calls = { cold: cold.calls, warm: warm.calls };
    best = cold.best;
    rmSync(cacheDir, { recursive: true, force: true });
    const home = mkdtempSync(join(tmpdir(), 'gm-bench-spot-home-'));
    figures.gmCold.push((await gmProcess(home)).ms);
    figures.gmWarm.push((await gmProcess(home)).ms);
    rmSync(home, { recursive: true, force: true });
  }
  const ms = (values) => `${median(values).toFixed(0).padStart(5)} ms (median of ${values.length}; min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
  console.log(`bench/spot — ${regions.length} regions × ${instanceTypes.length} types, +${latencyMs} ms per AWS call`);
  console.log(`spot choice, cold:        ${ms(figures.cold)}  ${calls.cold} AWS calls  (budget 2000 ms)`);
  console.log(`spot choice, from cache:  ${ms(figures.warm)}  ${calls.warm} AWS calls  (budget 100 ms)`);
  console.log(`gm cost spot, cold:       ${ms(figures.gmCold)}`);
  console.log(`gm cost spot, from cache: ${ms(figures.gmWarm)}  (Node + oclif start included)`);
  if (best !== undefined) console.log(`choice: ${best.instanceType} spot in ${best.azId} (${best.region}) at $${best.hourly}/h`);
} finally {
  await emulator.stop();
}
