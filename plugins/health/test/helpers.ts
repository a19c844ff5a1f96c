import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import { runGm, TestkitControl, type RunGmResult } from '@geusemaker/testkit';

let counter = 0;

/**
 * One test's own GM_HOME, access key id (faults, Run Command fixtures and the call log are scoped by it) and a
 * deployment name no other test uses (moto keeps every access key in one account).
 */
export interface HealthSandbox {
  accessKeyId: string;
  home: string;
  name: string;
  control: TestkitControl;
  /** An SDK context signed with this sandbox's access key (so fixtures scoped to it apply). */
  aws(): Promise<AwsContext>;
  gm(args: readonly string[], env?: Record<string, string>): Promise<RunGmResult & { ms: number }>;
  fault(spec: Parameters<TestkitControl['injectFault']>[0]): Promise<string>;
  commandOutput(fixture: Parameters<TestkitControl['setCommandOutput']>[0]): Promise<void>;
  dispose(): Promise<void>;
}

export function healthSandbox(): HealthSandbox {
  const unique = `${process.pid.toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const accessKeyId = `AKIAGMHEALTH${unique.toUpperCase()}`;
  const home = mkdtempSync(join(tmpdir(), 'gm-health-'));
  const control = TestkitControl.fromEnv();
  let context: AwsContext | undefined;
  return {
    accessKeyId,
    home,
    name: `h-${unique}`.slice(0, 28),
    control,
    async aws() {
      process.env.AWS_ACCESS_KEY_ID = accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = 'testing';
      context ??= await createAwsContext({ endpointUrl: process.env.GM_TEST_ENDPOINT, region: 'us-east-1', retryBaseDelayMs: 5 });
      return context;
    },
    async gm(args, env = {}) {
      const started = Date.now();
      const result = await runGm(args, { home, env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing', ...env }, timeoutMs: 240_000 });
      return { ...result, ms: Date.now() - started };
    },
    fault: (spec) => control.injectFault({ accessKeyId, ...spec }),
    commandOutput: (fixture) => control.setCommandOutput({ accessKeyId, ...fixture }),
    async dispose() {
      context?.destroy();
      await control.clearFaults(accessKeyId);
    },
  };
}

/** The parts of a check report the tests read. */
export interface CheckJson {
  id: string;
  title: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
  remediation?: string;
  lines?: string[];
}

export interface ErrorEnvelope {
  status: 'error';
  error: { code: string; message: string; hint: string | null; preflight?: { checks: CheckJson[] }; validation?: { checks: CheckJson[] } };
  exitCode: number;
}

export function findCheck(checks: readonly CheckJson[] | undefined, id: string): CheckJson {
  const found = checks?.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no check ${id} among ${(checks ?? []).map((c) => c.id).join(', ')}`);
  return found;
}

/** A sandbox factory for one test file: every sandbox it made is disposed after the file's tests. */
export function sandboxesForFile(): () => HealthSandbox {
  const made: HealthSandbox[] = [];
  afterAll(async () => Promise.all(made.map((b) => b.dispose())));
  return () => {
    const created = healthSandbox();
    made.push(created);
    return created;
  };
}
