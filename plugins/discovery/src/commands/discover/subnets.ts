import { Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag, vpcIdFlag } from '../../flags.js';
import { discoverSubnets, type SubnetsResult } from '../../services/subnets.js';
import { orDash, table, yesNo } from '../../services/table.js';

export default class DiscoverSubnets extends GmCommand<typeof DiscoverSubnets, SubnetsResult> {
  static override summary = 'List subnets: AZ, CIDR, free IPs, public (route to an internet gateway), instance types offered.';
  static override description =
    'Public means the subnet\'s route table (its own association, else the VPC\'s main table) sends 0.0.0.0/0 to an internet ' +
    'gateway; MAP-IP shows the subnet\'s auto-assign setting, which gm does not need (it asks for a public IP on the instance ' +
    'itself). TYPES are the checked instance types EC2 offers in the AZ (default t3.large, t3a.large, m7i.large). Cached for 5 ' +
    'minutes; --refresh asks AWS again.';
  static override examples = [
    '<%= config.bin %> discover subnets --vpc-id vpc-0123456789abcdef0',
    '<%= config.bin %> discover subnets --instance-type g4dn.xlarge --instance-type g5.xlarge --json',
  ];

  static override flags = {
    'vpc-id': vpcIdFlag('subnets'),
    'instance-type': Flags.string({ multiple: true, description: 'Instance type to check per AZ (repeatable; default t3.large, t3a.large, m7i.large).' }),
    refresh: refreshFlag,
  };

  protected async execute(): Promise<SubnetsResult> {
    return discoverSubnets({
      vpcId: this.flags['vpc-id'],
      instanceTypes: this.flags['instance-type'] ?? [],
      refresh: this.flags.refresh,
      connection: this.awsConnection,
      env: process.env,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: SubnetsResult): string {
    if (result.subnets.length === 0) return `No subnet in ${result.region}.`;
    const rows = result.subnets.map((subnet) => [
      subnet.subnetId,
      subnet.vpcId,
      orDash(subnet.availabilityZone),
      orDash(subnet.cidr),
      subnet.freeIps === null ? '-' : String(subnet.freeIps),
      yesNo(subnet.public),
      yesNo(subnet.mapPublicIpOnLaunch),
      orDash(subnet.instanceTypesOffered.join(',')),
      yesNo(subnet.gmManaged),
    ]);
    return table(['SUBNET', 'VPC', 'AZ', 'CIDR', 'FREE-IPS', 'PUBLIC', 'MAP-IP', 'TYPES', 'GM'], rows, [4]);
  }
}
