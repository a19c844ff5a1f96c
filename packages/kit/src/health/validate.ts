import type { AwsContext, Ec2Instance, Ec2InstanceStatus } from '../aws/index.js';
import type { DeploymentState } from '../deployment/index.js';
import { GmError } from '../errors/index.js';
import { check, checkReport, reason, type Check, type CheckReport } from './checks.js';
import { checkServices } from './health-client.js';
import { containerChecks, efsCheck, proxyCheck, userDataCheck } from './host-checks.js';
import { parseSections, VALIDATE_SCRIPT } from './host-script.js';
import { runOnInstance } from './run-command.js';

export interface ValidateOptions {
  aws: AwsContext;
  state: DeploymentState;
  env: NodeJS.ProcessEnv;
  /** Also probe every service through the public endpoint (gm validate; deploy checks on the host only). */
  endpoints: boolean;
  /** Skip DescribeInstances/DescribeInstanceStatus (gm deploy: the instance step has just seen it running). */
  skipInstance?: boolean;
  /** What HOST_CHECKS printed, when the caller already ran them (gm deploy's readiness probe does): no new command. */
  hostOutput?: string;
  timeoutMs?: number;
}

export function instanceIdOf(state: DeploymentState): string | undefined {
  const id = state.outputs.instance?.instanceId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export interface InstanceReading {
  instance: Ec2Instance | undefined;
  status: Ec2InstanceStatus | undefined;
  /** `instance ok, system initializing` (`?` for what EC2 did not say). */
  statusChecks: string;
}

/** The instance and its status checks, read together (validation and `gm status`). */
export async function readInstance(aws: AwsContext, instanceId: string): Promise<InstanceReading> {
  const [instances, statuses] = await Promise.all([
    aws.ec2Instances.describeInstances({ InstanceIds: [instanceId] }),
    aws.ec2Health.describeInstanceStatus({ InstanceIds: [instanceId], IncludeAllInstances: true }),
  ]);
  const status = statuses[0];
  return { instance: instances[0], status, statusChecks: `instance ${status?.InstanceStatus?.Status ?? '?'}, system ${status?.SystemStatus?.Status ?? '?'}` };
}

async function instanceCheck(aws: AwsContext, name: string, instanceId: string): Promise<Check> {
  const title = 'Instance running';
  const { instance, status, statusChecks: checks } = await readInstance(aws, instanceId);
  const state = instance?.State?.Name ?? 'missing';
  if (state !== 'running') return check('instance', title, 'fail', `${instanceId} is ${state}`, { remediation: `gm status ${name}; a stopped or terminated instance needs gm resume or a new deploy.` });
  const bad = [status?.InstanceStatus?.Status, status?.SystemStatus?.Status].includes('impaired');
  if (bad) return check('instance', title, 'fail', `${instanceId} running; status checks: ${checks}`, { remediation: 'Reboot it from the EC2 console, or destroy and deploy again.' });
  const ok = status?.InstanceStatus?.Status === 'ok' && status.SystemStatus?.Status === 'ok';
  return check('instance', title, ok ? 'pass' : 'warn', `${instanceId} running; status checks: ${checks}`, ok ? {} : { remediation: 'Status checks are still initializing: validate again in a few minutes.' });
}

function hostChecksFrom(name: string, status: string, stdout: string): Check[] {
  const sections = parseSections(stdout);
  if (!sections.has('marker')) {
    return [check('host', 'Host checks', 'warn', `Run Command answered ${status} with no output; nothing on the host could be checked`, { remediation: `Run gm validate ${name} again.` })];
  }
  return [userDataCheck(name, sections.get('marker')), efsCheck(name, sections.get('efs')), proxyCheck(name, sections.get('proxy')), ...containerChecks(name, sections)];
}

async function hostChecks(aws: AwsContext, name: string, instanceId: string): Promise<Check[]> {
  const run = await runOnInstance(aws, instanceId, VALIDATE_SCRIPT, { timeoutSeconds: 60, maxPolls: 40 });
  if (run.kind === 'unfinished') {
    return [check('host', 'Host checks', 'fail', `the check did not finish over SSM (status ${run.status})`, { remediation: `Is the SSM agent running? gm logs ${name}` })];
  }
  return hostChecksFrom(name, run.status, run.stdout);
}

async function endpointChecks(options: ValidateOptions, instanceId: string | undefined): Promise<Check[]> {
  const results = await checkServices({
    name: options.state.name, publicUrl: options.state.endpoints?.url, instanceId, aws: options.aws, env: options.env, timeoutMs: options.timeoutMs,
  });
  return results.map((r) =>
    r.status === 'healthy'
      ? check(`endpoint:${r.service}`, `Endpoint ${r.service}`, 'pass', `${r.httpStatus === undefined ? 'ready' : `HTTP ${r.httpStatus}`} in ${r.latencyMs} ms (${r.target})`)
      : check(`endpoint:${r.service}`, `Endpoint ${r.service}`, 'fail', `${r.error ?? 'unhealthy'} (${r.target})`, r.hint === undefined ? {} : { remediation: r.hint }),
  );
}

/** A check group that threw is one failed check, so the others still report. */
async function guarded(id: string, title: string, run: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await run();
  } catch (error) {
    return [check(id, title, 'fail', reason(error), { remediation: 'Check your credentials and the instance, then validate again.' })];
  }
}

/**
 * Post-deploy validation: instance running with status checks; on the host (one SSM command) the UserData marker and
 * its phases, the EFS mount, every container running and healthy (log tails of those that are not), the proxy; and,
 * when asked, every service through the public endpoint.
 */
export async function validateDeployment(options: ValidateOptions): Promise<CheckReport> {
  const startedAt = new Date().toISOString();
  const { aws, state } = options;
  const instanceId = instanceIdOf(state);
  if (instanceId === undefined) {
    return checkReport('validation', startedAt, [check('instance', 'Instance running', 'fail', 'no instance in state', { remediation: `gm resume ${state.name}, or deploy again.` })]);
  }
  const groups = await Promise.all([
    options.skipInstance === true ? Promise.resolve([]) : guarded('instance', 'Instance running', async () => [await instanceCheck(aws, state.name, instanceId)]),
    options.hostOutput === undefined
      ? guarded('host', 'Host checks', () => hostChecks(aws, state.name, instanceId))
      : Promise.resolve(hostChecksFrom(state.name, 'Success', options.hostOutput)),
    options.endpoints ? guarded('endpoints', 'Endpoints', () => endpointChecks(options, instanceId)) : Promise.resolve([]),
  ]);
  return checkReport('validation', startedAt, groups.flat());
}

/** The error a failed validation ends `gm deploy` with: each failed check, its fix, and its log tail. */
export function validationError(name: string, report: CheckReport): GmError {
  const failed = report.checks.filter((c) => c.status === 'fail');
  const lines = failed.flatMap((c) => [
    `  ✗ ${c.title}: ${c.detail}`,
    ...(c.lines ?? []).map((line) => `      | ${line}`),
    ...(c.remediation === undefined ? [] : [`      fix: ${c.remediation}`]),
  ]);
  return new GmError({
    code: 'VALIDATION_FAILED',
    message: `The stack is up but not healthy: ${failed.map((c) => c.title).join(', ')} failed.\n${lines.join('\n')}`,
    hint: `See everything with \`gm report ${name}\`; \`gm validate ${name}\` checks again.`,
    details: { validation: report },
  });
}
