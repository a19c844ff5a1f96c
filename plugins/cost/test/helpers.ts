import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGm, TestkitControl, type RunGmResult } from '@geusemaker/testkit';

let counter = 0;

/**
 * One test's own GM_HOME (so its price cache is its own) and its own access key id: the proxy scopes faults and the
 * call log by it, so tests running beside it are never faulted and their calls are never counted here.
 */
export interface CostSandbox {
  readonly accessKeyId: string;
  readonly home: string;
  readonly control: TestkitControl;
  gm(args: readonly string[], options?: { endpoint?: string }): Promise<RunGmResult & { ms: number }>;
  fault(spec: Parameters<TestkitControl['injectFault']>[0]): Promise<string>;
  /** How many calls (of the operation, or of any) this sandbox made so far. */
  callCount(operation?: string): Promise<number>;
}

export function costSandbox(): CostSandbox {
  const unique = `${process.pid.toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
  const accessKeyId = `AKIAGMCOST${unique}`;
  const home = mkdtempSync(join(tmpdir(), 'gm-cost-'));
  const control = TestkitControl.fromEnv();
  return {
    accessKeyId,
    home,
    control,
    async gm(args, options = {}) {
      const started = Date.now();
      const env = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' };
      const result = await runGm(args, { home, env, timeoutMs: 60_000, ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }) });
      return { ...result, ms: Date.now() - started };
    },
    fault: (spec) => control.injectFault({ accessKeyId, ...spec }),
    callCount: async (operation) => (await control.calls({ accessKeyId, ...(operation === undefined ? {} : { operation }) })).length,
  };
}

/** The parts of `gm cost estimate --json` the tests read. */
export interface EstimateEnvelope {
  status: string;
  warnings: string[];
  result: {
    instanceType: string;
    market: string;
    components: { kind: string; hourly: number; monthly: number; assumption: string; source: { kind: string; date: string }; items: { unitPrice: { usd: number; source: string; asOf: string } }[] }[];
    total: { hourly: number; monthly: number };
    onDemandTotal: { hourly: number; monthly: number };
    spotTotal?: { hourly: number; monthly: number };
    savingsPercent?: number;
    source: { kind: string; date: string };
  };
}

export const micros = (usd: number): number => Math.round(usd * 1_000_000);
