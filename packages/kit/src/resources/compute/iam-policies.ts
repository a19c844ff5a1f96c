/** The instance role's policy documents: pure, so their exact contents are tested without AWS. */

import { secretsParameterName } from '../../stack/index.js';

/**
 * What the SSM agent needs for Session Manager and Run Command: the actions of the AWS managed policy
 * AmazonSSMManagedInstanceCore (v2) except `ssm:GetParameter`/`ssm:GetParameters`, which that policy grants on every
 * parameter of the account. Inline instead of attached so the instance can read its own secrets and nobody else's.
 */
export const SSM_AGENT_ACTIONS: readonly string[] = [
  'ssm:DescribeAssociation',
  'ssm:GetDeployablePatchSnapshotForInstance',
  'ssm:GetDocument',
  'ssm:DescribeDocument',
  'ssm:GetManifest',
  'ssm:ListAssociations',
  'ssm:ListInstanceAssociations',
  'ssm:PutInventory',
  'ssm:PutComplianceItems',
  'ssm:PutConfigurePackageResult',
  'ssm:UpdateAssociationStatus',
  'ssm:UpdateInstanceAssociationStatus',
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'ec2messages:AcknowledgeMessage',
  'ec2messages:DeleteMessage',
  'ec2messages:FailMessage',
  'ec2messages:GetEndpoint',
  'ec2messages:GetMessages',
  'ec2messages:SendReply',
];

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

/** `arn:aws:iam::123456789012:role/x` → its partition and account. */
export function arnParts(arn: string): { partition: string; account: string } {
  const [, partition = 'aws', , , account = ''] = arn.split(':');
  return { partition, account };
}

/**
 * The instance's only permissions: the SSM agent (access without SSH), this deployment's secrets and nothing else,
 * decrypted only through SSM, and this deployment's file system.
 *
 * UserData reads one parameter, the deployment's secrets (`…/geusemaker/<name>/stack-secrets`), with one
 * GetParameter: that action on that ARN, no wildcard (which could match another deployment's parameters).
 */
export function leastPrivilegePolicy(scope: PolicyScope): string {
  const parameterArn = `arn:${scope.partition}:ssm:${scope.region}:${scope.account}:parameter${secretsParameterName(scope.ssmParameterPrefix)}`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'SsmAgent', Effect: 'Allow', Action: [...SSM_AGENT_ACTIONS], Resource: '*' },
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
