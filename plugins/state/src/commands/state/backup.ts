import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore, type BackupInfo } from '@geusemaker/kit/state';
import { backupDeployment } from '../../services/backups.js';

export default class StateBackup extends GmCommand<typeof StateBackup, BackupInfo> {
  static override summary = "Back up a deployment's state document now (kept until you delete it).";
  static override description = 'Manual backups are never evicted by the automatic ones (gm keeps the newest 20 of those per deployment).';
  static override examples = ['<%= config.bin %> state backup demo --label before-upgrade'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = { label: Flags.string({ description: 'A word to recognise the backup by.' }) };

  protected async execute(): Promise<BackupInfo> {
    return backupDeployment(openStateStore(), this.args.name, this.flags.label);
  }

  protected override renderText(result: BackupInfo): string {
    return `Backed up ${result.name}: ${result.id}${result.label ? ` (${result.label})` : ''}, ${result.bytes} bytes, sha256 ${result.sha256}`;
  }
}
