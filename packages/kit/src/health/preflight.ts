import type { AwsContext } from '../aws/index.js';
import { ConfigError } from '../errors/index.js';
import type { DeploymentSpec } from '../spec/index.js';
import { instanceTypeInfo } from '../spec/index.js';
import type { StateStore } from '../state/index.js';
import { check, checkReport, reason, type Check, type CheckReport } from './checks.js';
import { checkInstanceTypes, type InstanceTypeFindings } from './instance-types.js';
import { checkNameUnused } from './name-check.js';
import { checkPermissions } from './permissions.js';
import { checkQuotas } from './quotas.js';

export interface PreflightOptions {
  aws: AwsContext;
  spec: DeploymentSpec;
  region: string;
  store: StateStore;
  /**
   * `deploy`: the checks `gm deploy` runs first, kept to a few calls of its API-call budget (DESIGN §7). It skips quotas
   * (a shortfall surfaces as a clean exit 5 at the create call anyway), instance types (the deploy's own preflight checks
   * offerings and its planner the shapes) and the permission probes (permissions by simulation only). Default `full`.
   */
  mode?: 'full' | 'deploy';
  /** The caller's identity when the caller already asked STS (gm deploy does, once, for both preflights). */
  identity?: { Account?: string; Arn?: string };
}

/** What a valid spec may still get wrong: combinations that deploy but would not work as the user expects. */
export function specSanity(spec: DeploymentSpec): Check {
  const notes: string[] = [];
  if (spec.keyName !== undefined && spec.sshCidr === undefined) notes.push('--key-name without --ssh-cidr: no SSH port is opened, the key pair is unused');
  if (spec.tier !== 'tier3') {
    const gpuTypes = (spec.instanceTypes ?? []).filter((type) => (instanceTypeInfo(type)?.gpuCount ?? 0) > 0);
    if (gpuTypes.length > 0) notes.push(`${gpuTypes.join(', ')} ha${gpuTypes.length === 1 ? 's' : 've'} a GPU ${spec.tier} does not use (tier3 does)`);
  }
  if (spec.market === 'spot' && spec.maxHourlyPrice === undefined) notes.push('--market spot without --max-hourly-price: gm pays up to the on-demand price');
  const summary = `${spec.name}: ${spec.tier}, ${spec.market}, types ${(spec.instanceTypes ?? ['(by tier)']).join(', ')}`;
  if (notes.length === 0) return check('spec', 'Spec', 'pass', summary);
  return check('spec', 'Spec', 'warn', `${summary}; ${notes.length} note(s)`, { lines: notes, remediation: 'Review the notes; they do not block a deploy.' });
}

/** Identity first: without working credentials every other AWS check would only repeat the same failure. */
async function credentials(aws: AwsContext, known?: PreflightOptions['identity']): Promise<{ check: Check; arn?: string }> {
  try {
    const identity = known ?? (await aws.sts.getCallerIdentity());
    const arn = identity.Arn ?? '';
    return { check: check('credentials', 'Credentials', 'pass', `account ${identity.Account ?? '?'} as ${arn}`), arn };
  } catch (error) {
    return {
      check: check('credentials', 'Credentials', 'fail', reason(error), {
        remediation: 'Check your AWS credentials: `aws sts get-caller-identity`, `aws sso login --profile <p>`, or pass --profile.',
      }),
    };
  }
}

/** A check that threw is a failed check, not a crashed preflight. */
async function guarded(id: string, title: string, run: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await run();
  } catch (error) {
    return [check(id, title, 'warn', `could not check: ${reason(error)}`, { remediation: 'Run preflight again; if it persists, check this by hand.' })];
  }
}

async function instanceTypes(aws: AwsContext, spec: DeploymentSpec, region: string): Promise<InstanceTypeFindings> {
  try {
    return await checkInstanceTypes(aws, spec, region);
  } catch (error) {
    return { checks: [check('instance-types', 'Instance types', 'warn', `could not check: ${reason(error)}`)], chosen: undefined };
  }
}

/**
 * Preflight (read-only, in parallel): credentials, permissions for the plan's actions, quotas, instance types offered
 * and matching (GPU for tier3), the name unused, and spec sanity. Returns every check; `assertPreflight` turns
 * failures into exit 3.
 */
export async function runPreflight(options: PreflightOptions): Promise<CheckReport> {
  const startedAt = new Date().toISOString();
  const { aws, spec, region, store } = options;
  const identity = await credentials(aws, options.identity);
  if (identity.arn === undefined) return checkReport('preflight', startedAt, [specSanity(spec), identity.check, await checkNameUnused(undefined, store, spec.name)]);
  const full = options.mode !== 'deploy';
  const [permissions, types, name] = await Promise.all([
    guarded('permissions', 'Permissions', () => checkPermissions(aws, identity.arn ?? '', spec.name, full)),
    full ? instanceTypes(aws, spec, region) : { checks: [], chosen: undefined },
    guarded('name', 'Name unused', async () => [await checkNameUnused(aws, store, spec.name)]),
  ]);
  const quotas = !full ? [] : await guarded('quotas', 'Quotas', () => checkQuotas(aws, spec, types.chosen));
  return checkReport('preflight', startedAt, [specSanity(spec), identity.check, ...permissions, ...types.checks, ...quotas, ...name]);
}

/** Exit 3 with every failed check and its remediation when preflight failed. */
export function assertPreflight(report: CheckReport): void {
  const failed = report.checks.filter((c) => c.status === 'fail');
  if (failed.length === 0) return;
  const lines = failed.map((c) => `  ✗ ${c.title}: ${c.detail}${c.remediation === undefined ? '' : `\n      fix: ${c.remediation}`}`);
  throw new ConfigError({
    code: 'PREFLIGHT_FAILED',
    message: `Preflight failed (${failed.length} of ${report.checks.length} checks):\n${lines.join('\n')}`,
    hint: failed[0]?.remediation ?? 'Fix the failed checks and run `gm preflight` again.',
    details: { preflight: report },
  });
}
