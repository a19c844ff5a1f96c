import type { IpPermission } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';

/** One ingress rule as the plan states it: from a CIDR, or from another security group (e.g. NFS from the instance). */
export type IngressRule = {
  protocol: 'tcp';
  fromPort: number;
  toPort: number;
  cidr?: string;
  sourceSecurityGroupId?: string;
  description: string;
};

/** Characters EC2 accepts in security group names and descriptions and in rule descriptions (anything else fails). */
const DISALLOWED = /[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g;
const MAX_DESCRIPTION = 255;

/**
 * Makes free text acceptable to EC2: an apostrophe or an arrow in a description is an InvalidParameterValue on AWS
 * (moto accepts it, so only this keeps the emulator and AWS in step).
 */
export function ec2SafeText(text: string): string {
  return text.replace(DISALLOWED, '').replace(/\s+/g, ' ').trim().slice(0, MAX_DESCRIPTION);
}

function invalidRule(rule: IngressRule, problem: string): GmError {
  return new GmError({
    code: 'INVALID_STEP_INPUT',
    message: `Security group rule ${rule.protocol} ${rule.fromPort}-${rule.toPort} (${rule.description}): ${problem}.`,
    hint: 'This is a bug in the plan: report it with the output of `gm deploy --dry-run --json`.',
  });
}

/** One IpPermission per rule, so a rule that already exists can be retried alone (see authorizeIngress). */
export function toIpPermission(rule: IngressRule): IpPermission {
  if (rule.cidr === undefined && rule.sourceSecurityGroupId === undefined) throw invalidRule(rule, 'neither cidr nor sourceSecurityGroupId');
  if (rule.fromPort > rule.toPort) throw invalidRule(rule, 'fromPort is above toPort');
  const description = ec2SafeText(rule.description);
  return {
    IpProtocol: rule.protocol,
    FromPort: rule.fromPort,
    ToPort: rule.toPort,
    ...(rule.cidr === undefined ? {} : { IpRanges: [{ CidrIp: rule.cidr, Description: description }] }),
    ...(rule.sourceSecurityGroupId === undefined ? {} : { UserIdGroupPairs: [{ GroupId: rule.sourceSecurityGroupId, Description: description }] }),
  };
}
