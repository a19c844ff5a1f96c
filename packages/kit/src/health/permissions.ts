import type { AwsContext } from '../aws/index.js';
import { awsErrorName } from '../errors/index.js';
import { iamActionsFor, type ResourceKindName } from '../resources/index.js';
import { check, reason, type Check } from './checks.js';

/** The kinds a tier's plan creates or reuses (tier2/tier3 add no kinds yet: their ALB/GPU steps are not built). */
const TIER_KINDS: readonly ResourceKindName[] = [
  'vpc', 'internet-gateway', 'subnet', 'route-table', 'security-group', 'iam-role', 'instance-profile',
  'ssm-secrets', 'efs-file-system', 'efs-mount-target', 'elastic-ip', 'instance',
];

/** Calls gm makes outside the kinds: preflight itself and the readiness/validation probes over Run Command. */
const RUNTIME_ACTIONS = ['ec2:DescribeAvailabilityZones', 'ec2:DescribeInstanceTypeOfferings', 'ssm:SendCommand', 'ssm:GetCommandInvocation'];

const PERMISSION_ERRORS = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'Forbidden']);

/** Every IAM action a deployment's plan and its probes call. */
export function actionsForPlan(): string[] {
  return [...new Set([...iamActionsFor(TIER_KINDS), ...RUNTIME_ACTIONS])].sort();
}

/**
 * The IAM principal to simulate for a caller ARN: an assumed-role session is simulated as its role (IAM cannot simulate
 * an STS session ARN). Roles with a path lose it here; the simulation then fails and the probes run instead.
 */
export function principalArn(callerArn: string): string | undefined {
  const session = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (session !== null) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  if (/^arn:[^:]+:iam::\d+:root$/.test(callerArn)) return undefined;
  // The emulator names its user arn:aws:sts::<account>:user/<name>: the same user as IAM's.
  const user = /^arn:([^:]+):(?:iam|sts)::(\d+):user\/(.+)$/.exec(callerArn);
  if (user !== null) return `arn:${user[1]}:iam::${user[2]}:user/${user[3]}`;
  return /^arn:[^:]+:iam::\d+:role\//.test(callerArn) ? callerArn : undefined;
}

const TITLE = 'Permissions';

function deniedCheck(denied: readonly string[], principal: string, how: string): Check {
  return check('permissions', TITLE, 'fail', `${denied.length} needed action(s) denied (${how}): ${denied.join(', ')}`, {
    remediation: `Grant ${principal} these IAM actions (e.g. in an identity policy), or run gm with a profile that has them: ${denied.join(' ')}`,
  });
}

interface Probe {
  action: string;
  run(aws: AwsContext, name: string): Promise<unknown>;
  /** Error names that prove the call was allowed (a dry run that would have succeeded, a lookup of nothing). */
  allowedErrors: readonly string[];
}

/**
 * What runs when the simulation is not available (denied, or an emulator without it): one harmless call per service the
 * plan uses. EC2 creates are probed with DryRun (`DryRunOperation` = allowed); lookups of names that do not exist prove
 * the read permission. This covers fewer actions than the simulation: it says so in the check's detail.
 */
const PROBES: readonly Probe[] = [
  { action: 'ec2:CreateVpc', run: (aws) => aws.ec2.createVpc({ CidrBlock: '10.254.0.0/16', DryRun: true }), allowedErrors: ['DryRunOperation'] },
  { action: 'ec2:DescribeInstances', run: (aws, name) => aws.ec2Instances.describeInstances({ Filters: [{ Name: 'tag:gm:deployment', Values: [name] }] }), allowedErrors: [] },
  { action: 'elasticfilesystem:DescribeFileSystems', run: (aws) => aws.efs.describeFileSystems({}), allowedErrors: [] },
  { action: 'iam:GetRole', run: (aws, name) => aws.iam.getRole({ RoleName: `gm-${name}-preflight-probe` }), allowedErrors: ['NoSuchEntity'] },
  { action: 'ssm:GetParametersByPath', run: (aws, name) => aws.ssm.getParametersByPath({ Path: `/geusemaker/${name}/` }), allowedErrors: [] },
];

type ProbeOutcome = { action: string; verdict: 'allowed' | 'denied' | 'unknown'; why?: string };

async function probe(aws: AwsContext, name: string, item: Probe): Promise<ProbeOutcome> {
  try {
    await item.run(aws, name);
    return { action: item.action, verdict: 'allowed' };
  } catch (error) {
    const code = awsErrorName(error) ?? '';
    if (item.allowedErrors.includes(code)) return { action: item.action, verdict: 'allowed' };
    if (PERMISSION_ERRORS.has(code)) return { action: item.action, verdict: 'denied' };
    return { action: item.action, verdict: 'unknown', why: reason(error) };
  }
}

async function probeChecks(aws: AwsContext, name: string, principal: string, whySkipped: string, probing: boolean): Promise<Check[]> {
  if (!probing) {
    return [check('permissions', TITLE, 'warn', `not checked: iam:SimulatePrincipalPolicy skipped (${whySkipped})`, { remediation: 'Run `gm preflight` for a check by probing calls.' })];
  }
  const probes = PROBES;
  const outcomes = await Promise.all(probes.map((item) => probe(aws, name, item)));
  const denied = outcomes.filter((o) => o.verdict === 'denied').map((o) => o.action);
  const skipped = check('permissions-simulation', 'Permission simulation', 'warn', `iam:SimulatePrincipalPolicy skipped: ${whySkipped}`, {
    remediation: 'Allow iam:SimulatePrincipalPolicy on your own principal for a complete check; gm probed one call per service instead.',
  });
  if (denied.length > 0) return [skipped, deniedCheck(denied, principal, 'probed')];
  const unknown = outcomes.filter((o) => o.verdict === 'unknown');
  const probed = outcomes.map((o) => o.action).join(', ');
  if (unknown.length > 0) {
    return [skipped, check('permissions', TITLE, 'warn', `probes inconclusive for ${unknown.map((o) => `${o.action} (${o.why ?? ''})`).join('; ')}`)];
  }
  return [skipped, check('permissions', TITLE, 'pass', `probed ${probes.length} calls, all allowed: ${probed}`)];
}

/**
 * Permissions for exactly the actions the plan calls, by `iam:SimulatePrincipalPolicy`; when that call is itself denied
 * or unavailable, a warning and (when `probing`) a set of probing calls instead. `gm deploy` does not probe: one probe
 * is an EC2 DryRun create the deploy makes for real a moment later, and the rest cost calls of its budget.
 */
export async function checkPermissions(aws: AwsContext, callerArn: string, name: string, probing = true): Promise<Check[]> {
  const principal = principalArn(callerArn);
  if (principal === undefined) return probeChecks(aws, name, callerArn, `${callerArn} cannot be simulated (root or federated user)`, probing);
  const actions = actionsForPlan();
  try {
    const results = await aws.iam.simulatePrincipalPolicy({ PolicySourceArn: principal, ActionNames: actions });
    const denied = results.filter((r) => r.EvalDecision !== 'allowed').map((r) => r.EvalActionName ?? '?');
    if (denied.length > 0) return [deniedCheck(denied, principal, 'simulated')];
    return [check('permissions', TITLE, 'pass', `all ${actions.length} actions the plan calls are allowed for ${principal} (simulated)`)];
  } catch (error) {
    const code = awsErrorName(error) ?? '';
    const why = PERMISSION_ERRORS.has(code) ? 'the call itself is denied' : `the call failed (${reason(error)})`;
    return probeChecks(aws, name, principal, why, probing);
  }
}
