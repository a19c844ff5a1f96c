import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore } from '@geusemaker/kit/state';
import { deleteBackup } from '../../services/backups.js';

export default class StateDeleteBackup extends GmCommand<typeof StateDeleteBackup, { name: string; deleted: string }> {
  static override summary = 'Delete one backup of a deployment (manual backups are only ever removed this way).';
  static override examples = ['<%= config.bin %> state delete-backup demo 20260101T120000000Z-manual-1a2b3c'];
  static override args = {
    name: Args.string({ required: true, description: 'Deployment name' }),
    id: Args.string({ required: true, description: 'Backup id (see `gm state backups NAME`)' }),
  };

  protected async execute(): Promise<{ name: string; deleted: string }> {
    return deleteBackup(openStateStore(), this.args.name, this.args.id);
  }

  protected override renderText(result: { name: string; deleted: string }): string {
    return `Deleted backup ${result.deleted} of ${result.name}.`;
  }
}
