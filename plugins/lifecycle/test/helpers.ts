import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import { deploymentInventory, type InventoryItem } from '@geusemaker/kit/resources';
import { runGm, TestkitControl, type RunGmResult } from '@geusemaker/testkit';

let counter = 0;

/**
 * What one test needs: its own GM_HOME, its own access key id (the proxy scopes faults and the call log by it, so
 * tests running beside it are never faulted), and a unique deployment name (inventory is by the gm:deployment tag —
 * moto 5.2.5 keeps every access key in the one account 123456789012).
 */
export interface Sandbox {
  accessKeyId: string;
  home: string;
  /** A deployment name no other test uses. */
  name: string;
  control: TestkitControl;
  aws: () => Promise<AwsContext>;
  gm(args: string[], env?: Record<string, string>): Promise<RunGmResult>;
  inventory(name: string): Promise<InventoryItem[]>;
  fault(spec: Parameters<TestkitControl['injectFault']>[0]): Promise<string>;
}

export function sandbox(): Sandbox {
  const unique = `${process.pid.toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const accessKeyId = `AKIAGMTEST${unique.toUpperCase()}`;
  const home = mkdtempSync(join(tmpdir(), 'gm-e2e-'));
  const control = TestkitControl.fromEnv();
  let context: AwsContext | undefined;
  const aws = async (): Promise<AwsContext> => {
    context ??= await createAwsContext({ endpointUrl: process.env.GM_TEST_ENDPOINT, region: 'us-east-1', retryBaseDelayMs: 5 });
    return context;
  };
  return {
    accessKeyId,
    home,
    name: `t-${unique}`.slice(0, 28),
    control,
    aws,
    gm: (args, env = {}) => runGm(args, { home, env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing', ...env }, timeoutMs: 240_000 }),
    inventory: async (name) => deploymentInventory(await aws(), name),
    fault: (spec) => control.injectFault({ accessKeyId, ...spec }),
  };
}

export type { InventoryItem };
