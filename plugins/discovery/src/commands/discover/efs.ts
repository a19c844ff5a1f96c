import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag, vpcIdFlag } from '../../flags.js';
import { discoverFileSystems, type FileSystemsResult } from '../../services/efs.js';
import { orDash, table, yesNo } from '../../services/table.js';

export default class DiscoverEfs extends GmCommand<typeof DiscoverEfs, FileSystemsResult> {
  static override summary = 'List EFS file systems: encryption, throughput mode, size, mount targets per AZ.';
  static override description =
    'File systems are described, then the mount targets of each, in parallel. gm reuses one passed with --efs-id; the ' +
    "instance's AZ needs a mount target (gm creates it if missing). Cached for 5 minutes; --refresh asks AWS again.";
  static override examples = ['<%= config.bin %> discover efs', '<%= config.bin %> discover efs --vpc-id vpc-0123456789abcdef0 --json'];

  static override flags = {
    'vpc-id': vpcIdFlag('file systems with a mount target'),
    refresh: refreshFlag,
  };

  protected async execute(): Promise<FileSystemsResult> {
    return discoverFileSystems({
      vpcId: this.flags['vpc-id'],
      refresh: this.flags.refresh,
      connection: this.awsConnection,
      env: process.env,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: FileSystemsResult): string {
    if (result.fileSystems.length === 0) return `No EFS file system in ${result.region}.`;
    const rows = result.fileSystems.map((fs) => [
      fs.fileSystemId,
      orDash(fs.name),
      yesNo(fs.encrypted),
      orDash(fs.throughputMode),
      fs.sizeBytes === null ? '-' : String(fs.sizeBytes),
      orDash(Object.entries(fs.mountTargetsPerAz).map(([az, count]) => `${az}:${count}`).join(',')),
      yesNo(fs.gmManaged),
    ]);
    return table(['FILE SYSTEM', 'NAME', 'ENCRYPTED', 'THROUGHPUT', 'SIZE (BYTES)', 'MOUNT TARGETS', 'GM'], rows, [4]);
  }
}
