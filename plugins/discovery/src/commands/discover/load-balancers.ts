import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag, vpcIdFlag } from '../../flags.js';
import { discoverLoadBalancers, type LoadBalancersResult } from '../../services/load-balancers.js';
import { orDash, table } from '../../services/table.js';

export default class DiscoverLoadBalancers extends GmCommand<typeof DiscoverLoadBalancers, LoadBalancersResult> {
  static override summary = 'List load balancers (ALB, NLB): scheme, DNS name, state, listeners, target groups and their health.';
  static override description =
    'Load balancers are described, then the listeners and target groups of each and the health of every target group, in ' +
    'parallel. Cached for 5 minutes; --refresh asks AWS again.';
  static override examples = ['<%= config.bin %> discover load-balancers', '<%= config.bin %> discover load-balancers --vpc-id vpc-0123456789abcdef0 --json'];

  static override flags = {
    'vpc-id': vpcIdFlag('load balancers'),
    refresh: refreshFlag,
  };

  protected async execute(): Promise<LoadBalancersResult> {
    return discoverLoadBalancers({
      vpcId: this.flags['vpc-id'],
      refresh: this.flags.refresh,
      connection: this.awsConnection,
      env: process.env,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: LoadBalancersResult): string {
    if (result.loadBalancers.length === 0) return `No load balancer in ${result.region}.`;
    const rows = result.loadBalancers.map((lb) => [
      orDash(lb.name),
      orDash(lb.type),
      orDash(lb.scheme),
      orDash(lb.state),
      orDash(lb.vpcId),
      orDash(lb.dnsName),
      orDash(lb.listeners.map((listener) => `${listener.port ?? '?'}/${listener.protocol ?? '?'}`).join(',')),
      orDash(
        lb.targetGroups
          .map((group) => {
            const health = Object.entries(group.health).map(([state, count]) => `${count} ${state}`).join(', ');
            return `${group.name ?? '?'} (${health === '' ? 'no targets' : health})`;
          })
          .join('; '),
      ),
    ]);
    return table(['NAME', 'TYPE', 'SCHEME', 'STATE', 'VPC', 'DNS NAME', 'LISTENERS', 'TARGET GROUPS'], rows);
  }
}
