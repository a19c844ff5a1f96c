/** The instance role's policy documents: pure, so their exact contents are tested without AWS. */

import { secretsParameterName } from '../../stack/index.js';

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
 * UserData reads one parameter, the deployment's secrets (`…/geusemaker/<name>/stack-secrets`), with one
 * GetParameter: that action on that ARN, no wildcard (which could match another deployment's parameters).
 */
export function leastPrivilegePolicy(scope: PolicyScope): string {
  const parameterArn = `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:parameter${secretsParameterName(scope.ssmParameterPrefix)}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadDeploymentSecrets',
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: parameterArn,
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
