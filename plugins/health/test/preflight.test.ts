import { LocalStateStore } from '@geusemaker/kit/state';
import { findCheck, type CheckJson, type ErrorEnvelope, sandboxesForFile } from './helpers.js';

interface PreflightEnvelope {
  status: 'success';
  warnings: string[];
  result: { name: string; tier: string; status: string; checks: CheckJson[] };
}

const box = sandboxesForFile();

function failedPreflight(run: { exitCode: number; json?: unknown }): CheckJson[] {
  expect(run.exitCode).toBe(3);
  const envelope = run.json as ErrorEnvelope;
  expect(envelope.error.code).toBe('PREFLIGHT_FAILED');
  return envelope.error.preflight?.checks ?? [];
}

// A region no other test creates VPCs in: the VPC quota (5 in moto, as on AWS) is counted against real usage.
const QUIET_REGION = 'ca-central-1';

describe('gm preflight', () => {
  it('passes a clean tier1 spec, with quotas the emulator cannot answer marked unknown', async () => {
    const b = box();
    const run = await b.gm(['preflight', 'tier1', '--name', b.name, '--region', QUIET_REGION, '--instance-type', 't3.large', '--json']);
    expect(run.stderr).not.toMatch(/INTERNAL/);
    expect(run.exitCode).toBe(0);
    const { result, warnings } = run.json as PreflightEnvelope;
    expect(result.status).not.toBe('fail');
    expect(findCheck(result.checks, 'credentials').status).toBe('pass');
    expect(findCheck(result.checks, 'instance-types').status).toBe('pass');
    expect(findCheck(result.checks, 'name').status).toBe('pass');
    expect(findCheck(result.checks, 'permissions').status).toBe('pass');
    // moto implements Service Quotas for `vpc` only: the VPC quota is compared, the EC2 ones are "unknown".
    expect(findCheck(result.checks, 'quota:L-F678F1CE').status).toBe('pass');
    expect(findCheck(result.checks, 'quota:L-34B43A08')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^unknown/) });
    // moto does not implement iam:SimulatePrincipalPolicy: gm says so and probes instead.
    expect(warnings.join('\n')).toMatch(/SimulatePrincipalPolicy skipped: the call failed/);
    expect(findCheck(result.checks, 'permissions').detail).toMatch(/^probed 5 calls, all allowed/);
  });

  it('fails (exit 3) on a type not offered in the region, with a remediation', async () => {
    const b = box();
    // The emulator's offerings are AWS's own: eu-north-1 has no t3a.
    const run = await b.gm(['preflight', 'tier1', '--name', b.name, '--region', 'eu-north-1', '--instance-type', 't3a.large', '--json']);
    const types = findCheck(failedPreflight(run), 'instance-types');
    expect(types.status).toBe('fail');
    expect(types.lines?.join('\n')).toMatch(/t3a\.large: not offered in any AZ of eu-north-1/);
    expect(types.remediation).toMatch(/describe-instance-type-offerings|--region/);
  });

  it('fails (exit 3) on an x86 AMI with an arm64 type', async () => {
    const b = box();
    const checks = failedPreflight(await b.gm(['preflight', 'tier1', '--name', b.name, '--instance-type', 'm7g.large', '--json']));
    expect(findCheck(checks, 'instance-types').lines?.join('\n')).toMatch(/m7g\.large: architecture arm64 does not match the x86_64 AMI/);
  });

  it('fails (exit 3) on tier3 with a type that has no GPU', async () => {
    const b = box();
    const run = await b.gm(['preflight', 'tier3', '--name', b.name, '--instance-type', 't3.xlarge', '--json']);
    expect(run.exitCode).toBe(3);
    const envelope = run.json as ErrorEnvelope & { error: { issues?: { message: string; fix: string }[] } };
    expect(envelope.error.issues?.[0]?.message).toMatch(/has no GPU/);
    expect(envelope.error.issues?.[0]?.fix).toMatch(/GPU type such as/);
  });

  it('checks tier3 GPU types live and passes one that has a GPU', async () => {
    const b = box();
    const run = await b.gm(['preflight', 'tier3', '--name', b.name, '--region', QUIET_REGION, '--instance-type', 'g5.xlarge', '--json']);
    expect(run.exitCode).toBe(0);
    expect(findCheck((run.json as PreflightEnvelope).result.checks, 'gpu').status).toBe('pass');
  });

  it('fails (exit 3) when the name is already deployed (local state)', async () => {
    const b = box();
    const first = await b.gm(['preflight', 'tier1', '--name', b.name, '--region', QUIET_REGION, '--instance-type', 't3.large', '--json']);
    expect(first.stdout).toMatch(/"status": "success"/);
    await new LocalStateStore(b.home).write(b.name, { schemaVersion: 2, name: b.name, status: 'deployed', deploymentId: 'x', plan: {} });
    const name = findCheck(failedPreflight(await b.gm(['preflight', 'tier1', '--name', b.name, '--instance-type', 't3.large', '--json'])), 'name');
    expect(name.detail).toMatch(/already deployed/);
    expect(name.remediation).toMatch(/another --name|gm destroy/);
  });

  it('fails (exit 3) when resources tagged with the name exist in the region', async () => {
    const b = box();
    const aws = await b.aws();
    await aws.ec2.createVpc({ CidrBlock: '10.77.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'gm:deployment', Value: b.name }] }] });
    const name = findCheck(failedPreflight(await b.gm(['preflight', 'tier1', '--name', b.name, '--instance-type', 't3.large', '--json'])), 'name');
    expect(name.detail).toMatch(/resources tagged gm:deployment=/);
    expect(name.detail).toMatch(/vpc-/);
  });

  it('fails (exit 3) on an injected AccessDenied for a needed action, naming it', async () => {
    const b = box();
    await b.fault({ service: 'elasticfilesystem', operation: 'DescribeFileSystems', errorCode: 'AccessDeniedException', httpStatus: 403, message: 'not allowed' });
    const checks = failedPreflight(await b.gm(['preflight', 'tier1', '--name', b.name, '--instance-type', 't3.large', '--json']));
    const permissions = findCheck(checks, 'permissions');
    expect(permissions.detail).toMatch(/elasticfilesystem:DescribeFileSystems/);
    expect(permissions.remediation).toMatch(/Grant .* elasticfilesystem:DescribeFileSystems/);
  });

  it('probes an EC2 create with DryRun: UnauthorizedOperation on CreateVpc fails, and the text table shows the fix', async () => {
    const b = box();
    await b.fault({ service: 'ec2', operation: 'CreateVpc', errorCode: 'UnauthorizedOperation', httpStatus: 403 });
    const run = await b.gm(['preflight', 'tier1', '--name', b.name, '--instance-type', 't3.large']);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/FAIL\s+Permissions\s+.*ec2:CreateVpc/);
    expect(run.stderr).toMatch(/fix: Grant/);
  });
});
