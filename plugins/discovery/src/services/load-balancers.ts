import type { AwsContext, Listener, LoadBalancer, TargetGroup, TargetHealthDescription } from '@geusemaker/kit/aws';
import { checkVpcId, discover, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';

export interface ListenerRow {
  readonly listenerArn: string;
  readonly port: number | null;
  readonly protocol: string | null;
}

export interface TargetRow {
  readonly id: string;
  readonly port: number | null;
  /** healthy, unhealthy, initial, unused, draining, unavailable. */
  readonly state: string | null;
  readonly reason: string | null;
}

export interface TargetGroupRow {
  readonly targetGroupArn: string;
  readonly name: string | null;
  readonly protocol: string | null;
  readonly port: number | null;
  readonly targetType: string | null;
  readonly targets: readonly TargetRow[];
  /** How many targets per health state, e.g. { healthy: 2, unhealthy: 1 }. */
  readonly health: Readonly<Record<string, number>>;
}

/** One row of `gm discover load-balancers`. */
export interface LoadBalancerRow {
  readonly loadBalancerArn: string;
  readonly name: string | null;
  /** application, network or gateway. */
  readonly type: string | null;
  /** internet-facing or internal. */
  readonly scheme: string | null;
  readonly dnsName: string | null;
  readonly state: string | null;
  readonly vpcId: string | null;
  readonly availabilityZones: readonly string[];
  readonly listeners: readonly ListenerRow[];
  readonly targetGroups: readonly TargetGroupRow[];
}

export interface LoadBalancersResult extends DiscoveryMeta {
  readonly loadBalancers: readonly LoadBalancerRow[];
}

export interface LoadBalancersOptions extends DiscoveryRequest {
  readonly vpcId: string | undefined;
}

const listenerRow = (listener: Listener): ListenerRow => ({
  listenerArn: listener.ListenerArn ?? '',
  port: listener.Port ?? null,
  protocol: listener.Protocol ?? null,
});

const targetRow = (target: TargetHealthDescription): TargetRow => ({
  id: target.Target?.Id ?? '',
  port: target.Target?.Port ?? null,
  state: target.TargetHealth?.State ?? null,
  reason: target.TargetHealth?.Reason ?? null,
});

function targetGroupRow(group: TargetGroup, targets: readonly TargetRow[]): TargetGroupRow {
  const health: Record<string, number> = {};
  for (const target of targets) health[target.state ?? 'unknown'] = (health[target.state ?? 'unknown'] ?? 0) + 1;
  return {
    targetGroupArn: group.TargetGroupArn ?? '',
    name: group.TargetGroupName ?? null,
    protocol: group.Protocol ?? null,
    port: group.Port ?? null,
    targetType: group.TargetType ?? null,
    targets: [...targets].sort((a, b) => a.id.localeCompare(b.id)),
    health,
  };
}

/** A load balancer's listeners and target groups (each with its targets' health), all described in parallel. */
async function loadBalancerRow(aws: AwsContext, lb: LoadBalancer): Promise<LoadBalancerRow> {
  const arn = lb.LoadBalancerArn;
  const [listeners, groups] = await Promise.all([
    aws.elbv2.describeListeners({ LoadBalancerArn: arn }),
    aws.elbv2.describeTargetGroups({ LoadBalancerArn: arn }),
  ]);
  const health = await Promise.all(groups.map((group) => aws.elbv2.describeTargetHealth({ TargetGroupArn: group.TargetGroupArn })));
  return {
    loadBalancerArn: arn ?? '',
    name: lb.LoadBalancerName ?? null,
    type: lb.Type ?? null,
    scheme: lb.Scheme ?? null,
    dnsName: lb.DNSName ?? null,
    state: lb.State?.Code ?? null,
    vpcId: lb.VpcId ?? null,
    availabilityZones: (lb.AvailabilityZones ?? []).map((az) => az.ZoneName ?? '?').sort(),
    listeners: listeners.map(listenerRow).sort((a, b) => (a.port ?? 0) - (b.port ?? 0)),
    targetGroups: groups
      .map((group, index) => targetGroupRow(group, (health[index] ?? []).map(targetRow)))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
  };
}

async function fetchLoadBalancers(aws: AwsContext, vpcId: string | undefined): Promise<LoadBalancerRow[]> {
  const all = await aws.elbv2.describeLoadBalancers();
  const kept = all.filter((lb) => vpcId === undefined || lb.VpcId === vpcId);
  const rows = await Promise.all(kept.map((lb) => loadBalancerRow(aws, lb)));
  return rows.sort((a, b) => (a.vpcId ?? '').localeCompare(b.vpcId ?? '') || (a.name ?? '').localeCompare(b.name ?? ''));
}

/** `gm discover load-balancers`. */
export async function discoverLoadBalancers(options: LoadBalancersOptions): Promise<LoadBalancersResult> {
  checkVpcId(options.vpcId);
  const { value, ...meta } = await discover(options, 'load-balancers', { vpcId: options.vpcId ?? null }, (aws) => fetchLoadBalancers(aws, options.vpcId));
  return { ...meta, loadBalancers: value };
}
