#!/usr/bin/env node
// The README's first quick-start command ends here: start the local AWS emulator (moto behind the testkit proxy,
// 127.0.0.1 only), then run the built `gm` against it exactly as a user would, with a throw-away GM_HOME.
// Each step prints the command and its output; the demo fails if a step exits with a code other than expected.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const gm = join(repo, 'packages/cli/bin/run.js');
const { startEmulator, gmEnvironment } = await import(join(repo, 'packages/testkit/dist/index.js'));

const work = mkdtempSync(join(tmpdir(), 'gm-demo-'));
const emulator = await startEmulator();
const env = gmEnvironment(join(work, 'gm-home'), work, emulator.endpoint, { AWS_ACCESS_KEY_ID: 'demo', AWS_SECRET_ACCESS_KEY: 'demo' });

// Asynchronous on purpose: the emulator's proxy runs in this process and must keep answering while gm runs.
async function gmStep(title, args, expectedExit = 0) {
  console.log(`\n── ${title}\n$ gm ${args.join(' ')}`);
  const { status, stdout } = await new Promise((resolve) => {
    const child = spawn(process.execPath, [gm, ...args], { env, cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ status: code, stdout: out }));
  });
  if (status !== expectedExit) throw new Error(`"gm ${args.join(' ')}" exited ${status}, expected ${expectedExit}`);
  return stdout;
}

let failed = false;
try {
  console.log(`emulator: ${emulator.endpoint} (GM_HOME=${env.GM_HOME})`);
  await gmStep('version', ['--version']);
  writeFileSync(join(work, 'gm.yaml'), await gmStep('a commented deployment spec', ['config', 'sample']));
  await gmStep('validate it', ['config', 'validate', 'gm.yaml']);
  await gmStep('the plan and its cost, without credentials or AWS calls', ['deploy', 'tier1', '--name', 'demo', '--dry-run']);
  await gmStep('deploy tier 1 for real (against the emulator): journaled, spot first, waits for the stack', ['deploy', 'tier1', '--name', 'demo', '--yes']);
  await gmStep('status: every resource and its state', ['inspect', 'demo']);
  await gmStep('how to reach it', ['info', 'demo']);
  await gmStep('what it costs so far (and what Cost Explorer says, once tags are activated)', ['cost', 'report', 'demo']);
  await gmStep('state is backed up before every change', ['state', 'backups', 'demo']);
  await gmStep('remove everything, verified', ['destroy', 'demo', '--yes']);
  await gmStep('nothing left', ['list']);
  await gmStep('optional tiers come as plugins (exit 127 with the way to get it)', ['deploy', 'tier3', '--name', 'demo'], 127);
  console.log('\ndemo finished: every step exited as expected');
} catch (error) {
  failed = true;
  console.error(`\ndemo FAILED: ${error.message}`);
} finally {
  await emulator.stop();
}
process.exit(failed ? 1 : 0);
