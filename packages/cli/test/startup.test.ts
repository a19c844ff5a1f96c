import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGm } from '@geusemaker/testkit';

const recorder = fileURLToPath(new URL('./fixtures/record-module-loads.mjs', import.meta.url));

async function modulesLoadedBy(args: string[]): Promise<{ exitCode: number; stdout: string; modules: string[] }> {
  const logFile = join(mkdtempSync(join(tmpdir(), 'gm-loads-')), 'loads.txt');
  const result = await runGm(args, { env: { GM_LOAD_LOG: logFile, NODE_OPTIONS: `--import=${recorder}` } });
  return { exitCode: result.exitCode, stdout: result.stdout, modules: readFileSync(logFile, 'utf8').split('\n').filter(Boolean) };
}

describe('gm startup', () => {
  it('--help shows the topics and loads no AWS SDK module', async () => {
    const { exitCode, stdout, modules } = await modulesLoadedBy(['--help']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('TOPICS');
    expect(stdout).toMatch(/config\s+Validate a deployment config/);
    // The recorder works: oclif itself was seen loading.
    expect(modules.some((url) => url.includes('@oclif/core'))).toBe(true);
    expect(modules.filter((url) => /@aws-sdk|@smithy/.test(url))).toEqual([]);
  });

  it('--version prints the version and loads no AWS SDK module', async () => {
    const { exitCode, stdout, modules } = await modulesLoadedBy(['--version']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^@geusemaker\/cli\/\d+\.\d+\.\d+ /);
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.filter((url) => /@aws-sdk|@smithy/.test(url))).toEqual([]);
  });
});
