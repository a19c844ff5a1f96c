import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { GM_BIN, runGm } from '@geusemaker/testkit';

test('runGm runs the real gm binary as a subprocess, with its own GM_HOME, and captures its output', async () => {
  expect(existsSync(GM_BIN)).toBe(true);
  const result = await runGm(['--version'], { timeoutMs: 30_000 });
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toMatch(/^@geusemaker\/cli\/\d+\.\d+\.\d+ /);
  expect(result.json).toBeUndefined();
  expect(result.home.startsWith(tmpdir())).toBe(true);
});
