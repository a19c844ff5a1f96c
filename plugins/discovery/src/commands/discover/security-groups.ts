import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag, vpcIdFlag } from '../../flags.js';
import { discoverSecurityGroups, type SecurityGroupsResult } from '../../services/security-groups.js';
import { orDash, table, yesNo } from '../../services/table.js';

export default class DiscoverSecurityGroups extends GmCommand<typeof DiscoverSecurityGroups, SecurityGroupsResult> {
  static override summary = 'List security groups with their inbound rules in words and what gm would do with each.';
  static override description =
    'A group passed to gm deploy with --security-group-id must be in the VPC gm deploys into; gm attaches it beside its own ' +
    'group, which opens only what the stack needs. Cached for 5 minutes; --refresh asks AWS again.';
  static override examples = ['<%= config.bin %> discover security-groups --vpc-id vpc-0123456789abcdef0', '<%= config.bin %> discover security-groups --json'];

  static override flags = {
    'vpc-id': vpcIdFlag('security groups'),
    refresh: refreshFlag,
  };

  protected async execute(): Promise<SecurityGroupsResult> {
    return discoverSecurityGroups({
      vpcId: this.flags['vpc-id'],
      refresh: this.flags.refresh,
      connection: this.awsConnection,
      env: process.env,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: SecurityGroupsResult): string {
    if (result.securityGroups.length === 0) return `No security group in ${result.region}.`;
    const rows = result.securityGroups.map((group) => [
      group.groupId,
      orDash(group.groupName),
      orDash(group.vpcId),
      orDash(group.inbound.join('; ')),
      yesNo(group.usableByGm),
      yesNo(group.gmManaged),
    ]);
    return [table(['GROUP', 'NAME', 'VPC', 'INBOUND', 'USABLE', 'GM'], rows), '', 'USABLE: gm attaches the group beside its own when deploying into its VPC (--security-group-id).'].join('\n');
  }
}
