import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag, vpcIdFlag } from '../../flags.js';
import { orDash, table, yesNo } from '../../services/table.js';
import { discoverVpcs, type VpcsResult } from '../../services/vpcs.js';

export default class DiscoverVpcs extends GmCommand<typeof DiscoverVpcs, VpcsResult> {
  static override summary = 'List the VPCs of the region: CIDR, default, internet gateway, subnets, gm-managed.';
  static override description =
    'VPCs, internet gateways, subnets and route tables are described in parallel (every page). The answer is cached for ' +
    '5 minutes under GM_HOME/cache/discovery/<region>/; --refresh asks AWS again. Pass a VPC id to gm deploy with --vpc-id.';
  static override examples = ['<%= config.bin %> discover vpcs', '<%= config.bin %> discover vpcs --region eu-west-1 --json'];

  static override flags = {
    'vpc-id': vpcIdFlag('VPCs', 'Only this VPC (vpc-…).'),
    refresh: refreshFlag,
  };

  protected async execute(): Promise<VpcsResult> {
    return discoverVpcs({
      vpcId: this.flags['vpc-id'],
      refresh: this.flags.refresh,
      connection: this.awsConnection,
      env: process.env,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: VpcsResult): string {
    if (result.vpcs.length === 0) return `No VPC in ${result.region}.`;
    const rows = result.vpcs.map((vpc) => [
      vpc.vpcId,
      orDash(vpc.name),
      orDash(vpc.cidr),
      yesNo(vpc.isDefault),
      vpc.internetGatewayId ?? 'no',
      String(vpc.subnetCount),
      String(vpc.publicSubnetCount),
      yesNo(vpc.gmManaged),
    ]);
    return table(['VPC', 'NAME', 'CIDR', 'DEFAULT', 'IGW', 'SUBNETS', 'PUBLIC', 'GM'], rows, [5, 6]);
  }
}
