import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore } from '@geusemaker/kit/state';
import { restoreDeployment, type RestoreResult } from '../../services/backups.js';

export default class StateRestore extends GmCommand<typeof StateRestore, RestoreResult> {
  static override summary = "Put a backup back as a deployment's state document, byte for byte, after checking its sha256.";
  static override description = 'The document it replaces (even a damaged one) is kept as a backup first.';
  static override examples = ['<%= config.bin %> state restore demo --latest', '<%= config.bin %> state restore demo --backup 20260101T120000000Z-manual-1a2b3c'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    latest: Flags.boolean({ description: 'Restore the newest backup.', exclusive: ['backup'] }),
    backup: Flags.string({ description: 'Restore this backup id (see `gm state backups NAME`).', exclusive: ['latest'] }),
  };

  protected async execute(): Promise<RestoreResult> {
    return restoreDeployment(openStateStore(), this.args.name, { latest: this.flags.latest === true, backupId: this.flags.backup });
  }

  protected override renderText(result: RestoreResult): string {
    return `Restored ${result.name} from ${result.restored.id} (${result.restored.kind}, ${result.restored.bytes} bytes, sha256 ${result.sha256}).`;
  }
}
