import type { AwsContext, IpPermission, SecurityGroup } from '@geusemaker/kit/aws';
import { checkVpcId, discover, isGmManaged, vpcFilters, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';

/** One row of `gm discover security-groups`. */
export interface SecurityGroupRow {
  readonly groupId: string;
  readonly groupName: string | null;
  readonly vpcId: string | null;
  readonly description: string | null;
  /** Each inbound rule in words: "443/tcp from 0.0.0.0/0", "2049/tcp from sg-…", "all traffic from sg-… (itself)". */
  readonly inbound: readonly string[];
  readonly outboundRuleCount: number;
  /** gm can attach a group of the VPC it deploys into: every group listed is in its own VPC, so always true. */
  readonly usableByGm: boolean;
  /** What gm does with it when passed as --security-group-id. */
  readonly gmUse: string;
  readonly gmManaged: boolean;
}

export interface SecurityGroupsResult extends DiscoveryMeta {
  readonly securityGroups: readonly SecurityGroupRow[];
}

export interface SecurityGroupsOptions extends DiscoveryRequest {
  readonly vpcId: string | undefined;
}

function portsInWords(permission: IpPermission): string {
  const protocol = permission.IpProtocol ?? '-1';
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const name = protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol === '1' ? 'icmp' : protocol;
  const { FromPort: from, ToPort: to } = permission;
  if (name === 'icmp' || name === 'icmpv6') return from === undefined || from === -1 ? `all ${name}` : `${name} type ${from}`;
  if (from === undefined || to === undefined || (from <= 0 && (to === -1 || to >= 65535))) return `all ${name}`;
  return from === to ? `${from}/${name}` : `${from}-${to}/${name}`;
}

function sourcesInWords(permission: IpPermission, groupId: string | undefined): string[] {
  return [
    ...(permission.IpRanges ?? []).map((range) => range.CidrIp ?? '?'),
    ...(permission.Ipv6Ranges ?? []).map((range) => range.CidrIpv6 ?? '?'),
    ...(permission.PrefixListIds ?? []).map((list) => list.PrefixListId ?? '?'),
    ...(permission.UserIdGroupPairs ?? []).map((pair) => (pair.GroupId === groupId ? `${pair.GroupId ?? '?'} (itself)` : (pair.GroupId ?? pair.GroupName ?? '?'))),
  ];
}

/** Pure: a group's inbound rules, one sentence per port range and source. */
export function inboundInWords(group: SecurityGroup): string[] {
  return (group.IpPermissions ?? []).flatMap((permission) => {
    const ports = portsInWords(permission);
    const sources = sourcesInWords(permission, group.GroupId);
    return sources.length === 0 ? [`${ports} from nowhere`] : sources.map((source) => `${ports} from ${source}`);
  });
}

const gmUseOf = (vpcId: string | null): string =>
  `attached beside gm's own group (which opens only what the stack needs) when deploying into ${vpcId ?? 'its VPC'} with --security-group-id`;

async function fetchSecurityGroups(aws: AwsContext, vpcId: string | undefined): Promise<SecurityGroupRow[]> {
  const groups = await aws.ec2.describeSecurityGroups({ Filters: vpcFilters(vpcId) });
  return groups
    .map((group): SecurityGroupRow => ({
      groupId: group.GroupId ?? '',
      groupName: group.GroupName ?? null,
      vpcId: group.VpcId ?? null,
      description: group.Description ?? null,
      inbound: inboundInWords(group),
      outboundRuleCount: group.IpPermissionsEgress?.length ?? 0,
      usableByGm: group.VpcId !== undefined,
      gmUse: gmUseOf(group.VpcId ?? null),
      gmManaged: isGmManaged(group.Tags),
    }))
    .sort((a, b) => (a.vpcId ?? '').localeCompare(b.vpcId ?? '') || a.groupId.localeCompare(b.groupId));
}

/** `gm discover security-groups`. */
export async function discoverSecurityGroups(options: SecurityGroupsOptions): Promise<SecurityGroupsResult> {
  checkVpcId(options.vpcId);
  const { value, ...meta } = await discover(options, 'security-groups', { vpcId: options.vpcId ?? null }, (aws) => fetchSecurityGroups(aws, options.vpcId));
  return { ...meta, securityGroups: value };
}
