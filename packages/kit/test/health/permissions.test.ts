import type { AwsContext } from '@geusemaker/kit/aws';
import { GmError } from '@geusemaker/kit/errors';
import { actionsForPlan, principalArn } from '@geusemaker/kit/health';
import { checkPermissions } from '../../src/health/permissions.js';

function awsError(name: string): GmError {
  const cause = Object.assign(new Error(name), { name });
  return new GmError({ code: 'AWS', message: name, cause });
}

/** Only the calls the permission check makes; `simulate` answers or fails as told. */
function fakeAws(simulate: () => Promise<{ EvalActionName: string; EvalDecision: string }[]>, probeFailures: Record<string, string> = {}): { aws: AwsContext; simulated: string[][] } {
  const simulated: string[][] = [];
  const probe = (action: string, fallback: unknown) => (probeFailures[action] === undefined ? Promise.resolve(fallback) : Promise.reject(awsError(probeFailures[action] ?? '')));
  const aws = {
    iam: {
      simulatePrincipalPolicy: (input: { ActionNames: string[] }) => {
        simulated.push(input.ActionNames);
        return simulate();
      },
      getRole: () => probe('iam:GetRole', {}),
    },
    ec2: { createVpc: () => Promise.reject(awsError(probeFailures['ec2:CreateVpc'] ?? 'DryRunOperation')) },
    ec2Instances: { describeInstances: () => probe('ec2:DescribeInstances', []) },
    efs: { describeFileSystems: () => probe('elasticfilesystem:DescribeFileSystems', []) },
    ssm: { getParametersByPath: () => probe('ssm:GetParametersByPath', []) },
  } as unknown as AwsContext;
  return { aws, simulated };
}

describe('principalArn', () => {
  it('simulates an assumed-role session as its role, users as themselves, and not the root user', () => {
    expect(principalArn('arn:aws:sts::123456789012:assumed-role/Deployer/alice')).toBe('arn:aws:iam::123456789012:role/Deployer');
    expect(principalArn('arn:aws:iam::123456789012:user/ci')).toBe('arn:aws:iam::123456789012:user/ci');
    expect(principalArn('arn:aws:iam::123456789012:root')).toBeUndefined();
    expect(principalArn('arn:aws:sts::123456789012:user/moto')).toBe('arn:aws:iam::123456789012:user/moto');
  });
});

describe('checkPermissions', () => {
  const user = 'arn:aws:iam::123456789012:user/ci';

  it('simulates exactly the actions the plan calls (every kind, plus Run Command)', async () => {
    const { aws, simulated } = fakeAws(async () => actionsForPlan().map((action) => ({ EvalActionName: action, EvalDecision: 'allowed' })));
    const checks = await checkPermissions(aws, user, 'demo');
    expect(checks).toEqual([expect.objectContaining({ id: 'permissions', status: 'pass' })]);
    expect(simulated[0]).toEqual(actionsForPlan());
    expect(simulated[0]).toEqual(expect.arrayContaining(['ec2:RunInstances', 'iam:PassRole', 'elasticfilesystem:CreateFileSystem', 'ssm:SendCommand']));
  });

  it('fails naming every action the simulation denies, with a remediation', async () => {
    const { aws } = fakeAws(async () => [
      { EvalActionName: 'ec2:RunInstances', EvalDecision: 'implicitDeny' },
      { EvalActionName: 'ec2:CreateVpc', EvalDecision: 'allowed' },
      { EvalActionName: 'iam:PassRole', EvalDecision: 'explicitDeny' },
    ]);
    const [check] = await checkPermissions(aws, user, 'demo');
    expect(check).toMatchObject({ status: 'fail', detail: '2 needed action(s) denied (simulated): ec2:RunInstances, iam:PassRole' });
    expect(check?.remediation).toMatch(/^Grant arn:aws:iam::123456789012:user\/ci these IAM actions/);
  });

  it('warns and probes instead when the simulation itself is denied', async () => {
    const { aws } = fakeAws(() => Promise.reject(awsError('AccessDenied')), { 'ssm:GetParametersByPath': 'AccessDeniedException' });
    const checks = await checkPermissions(aws, user, 'demo');
    expect(checks.map((c) => `${c.id}:${c.status}`)).toEqual(['permissions-simulation:warn', 'permissions:fail']);
    expect(checks[0]?.detail).toMatch(/the call itself is denied/);
    expect(checks[1]?.detail).toMatch(/\(probed\): ssm:GetParametersByPath$/);
  });

  it('probes an EC2 create by DryRun, and does not probe at all when asked (gm deploy)', async () => {
    const { aws } = fakeAws(() => Promise.reject(awsError('NotImplemented')), { 'ec2:CreateVpc': 'UnauthorizedOperation' });
    expect((await checkPermissions(aws, user, 'demo', true))[1]).toMatchObject({ status: 'fail', detail: expect.stringMatching(/\(probed\): ec2:CreateVpc$/) });
    expect(await checkPermissions(aws, user, 'demo', false)).toEqual([expect.objectContaining({ id: 'permissions', status: 'warn', detail: expect.stringMatching(/^not checked/) })]);
  });
});
