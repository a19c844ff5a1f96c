/** The instance role's policy documents: pure, so their exact contents are tested without AWS. */

export const SSM_CORE_POLICY = 'AmazonSSMManagedInstanceCore';

/** What the least-privilege policy is scoped to. */
export interface PolicyScope {
  /** `aws`, `aws-cn`, `aws-us-gov`: taken from the role's ARN so the documents work in every partition. */
  partition: string;
  region: string;
  account: string;
  /** `/geusemaker/<name>/` (ssmPrefixFor). */
  ssmParameterPrefix: string;
  efsFileSystemArn: string;
}

export function trustPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
}

/** `arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore` in the role's partition: SSM agent access (no SSH needed). */
export function ssmCorePolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/${SSM_CORE_POLICY}`;
}

/** `arn:aws:iam::123456789012:role/x` → its partition and account. */
export function arnParts(arn: string): { partition: string; account: string } {
  const [, partition = 'aws', , , account = ''] = arn.split(':');
  return { partition, account };
}

/**
 * The instance's own permissions beyond SSM core: read this deployment's secrets and nothing else, decrypt them only
 * through SSM, and mount this deployment's file system only.
 *
 * Both parameter ARNs are needed: GetParameter(s) authorize against each parameter (`…/<name>/x`), while
 * GetParametersByPath — what UserData calls — authorizes against the path itself (`…/geusemaker/<name>`). A
 * trailing wildcard on the name (`<name>*`) would also match another deployment whose name starts the same way.
 */
export function leastPrivilegePolicy(scope: PolicyScope): string {
  const path = scope.ssmParameterPrefix.replace(/\/+$/, '');
  const parameterArn = `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:parameter${path}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadDeploymentSecrets',
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        Resource: [parameterArn, `${parameterArn}/*`],
      },
      {
        Sid: 'DecryptSecretsThroughSsm',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: `arn:${scope.partition}:kms:${scope.region}:${scope.account}:key/*`,
        Condition: { StringEquals: { 'kms:ViaService': `ssm.${scope.region}.amazonaws.com` } },
      },
      {
        Sid: 'MountDeploymentFileSystem',
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
        Resource: scope.efsFileSystemArn,
      },
    ],
  });
}
