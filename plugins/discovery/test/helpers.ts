import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import { runGm, TestkitControl, type RunGmResult } from '@geusemaker/testkit';

let counter = 0;

/** A unique lowercase suffix for names in the shared emulator. */
export const uniqueSuffix = (): string => `${process.pid.toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 46656).toString(36)}`;

/**
 * One test's own GM_HOME (so its discovery cache is its own) and its own access key id (the proxy scopes the call log
 * by it, so calls of tests running beside it are never counted here).
 */
export interface DiscoverySandbox {
  readonly accessKeyId: string;
  readonly home: string;
  gm(args: readonly string[]): Promise<RunGmResult>;
  /** How many calls to the service (e.g. `ec2`) this sandbox made so far. */
  callCount(service: string): Promise<number>;
}

export function discoverySandbox(): DiscoverySandbox {
  const accessKeyId = `AKIAGMDISC${uniqueSuffix().toUpperCase()}`;
  const home = mkdtempSync(join(tmpdir(), 'gm-discover-'));
  const control = TestkitControl.fromEnv();
  return {
    accessKeyId,
    home,
    gm: (args) => runGm(args, { home, env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' }, timeoutMs: 60_000 }),
    callCount: async (service) => (await control.calls({ accessKeyId, service })).length,
  };
}

/** A kit AWS context on the emulator, for building what the tests then discover (as a user would outside gm). */
export const emulatorContext = (): Promise<AwsContext> =>
  createAwsContext({ endpointUrl: process.env.GM_TEST_ENDPOINT, region: 'us-east-1', retryBaseDelayMs: 5 });

/** The `--json` success envelope. */
export interface Envelope<R> {
  status: string;
  warnings: string[];
  result: R & { region: string; fetchedAt: string; fromCache: boolean };
}
