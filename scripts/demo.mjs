#!/usr/bin/env node
// The README's first quick-start command ends here: start the local AWS emulator (moto behind the testkit proxy,
// 127.0.0.1 only), then run the built `gm` against it exactly as a user would, with a throw-away GM_HOME.
// Each step prints the command and its output; the demo fails if a step exits with a code other than expected.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const gm = join(repo, 'packages/cli/bin/run.js');
const { startEmulator } = await import(join(repo, 'packages/testkit/dist/index.js'));

const work = mkdtempSync(join(tmpdir(), 'gm-demo-'));
const emulator = await startEmulator();
const env = {
  ...process.env,
  GM_HOME: join(work, 'gm-home'),
  AWS_ENDPOINT_URL: emulator.endpoint,
  AWS_ACCESS_KEY_ID: 'demo',
  AWS_SECRET_ACCESS_KEY: 'demo',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(work, 'aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
};
delete env.NODE_ENV;
delete env.NODE_OPTIONS;

function gmStep(title, args, expectedExit = 0) {
  console.log(`\n── ${title}\n$ gm ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [gm, ...args], { env, encoding: 'utf8', cwd: work });
  process.stdout.write(run.stdout);
  process.stdout.write(run.stderr);
  if (run.status !== expectedExit) throw new Error(`"gm ${args.join(' ')}" exited ${run.status}, expected ${expectedExit}`);
  return run.stdout;
}

let failed = false;
try {
  console.log(`emulator: ${emulator.endpoint} (GM_HOME=${env.GM_HOME})`);
  gmStep('version', ['--version']);
  writeFileSync(join(work, 'gm.yaml'), gmStep('a commented deployment spec', ['config', 'sample']));
  gmStep('validate it', ['config', 'validate', 'gm.yaml']);
  gmStep('optional tiers come as plugins (exit 127 with the way to get it)', ['deploy', 'tier3', '--name', 'demo'], 127);
  console.log('\ndemo finished: every step exited as expected');
} catch (error) {
  failed = true;
  console.error(`\ndemo FAILED: ${error.message}`);
} finally {
  await emulator.stop();
}
process.exit(failed ? 1 : 0);
