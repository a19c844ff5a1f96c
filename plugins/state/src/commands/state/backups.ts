import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { table } from '@geusemaker/kit/io';
import { openStateStore, type BackupInfo } from '@geusemaker/kit/state';
import { listBackups } from '../../services/backups.js';

interface BackupsResult {
  backups: BackupInfo[];
}

export default class StateBackups extends GmCommand<typeof StateBackups, BackupsResult> {
  static override summary = 'List the backups of one deployment, or of every deployment, newest first.';
  static override examples = ['<%= config.bin %> state backups demo', '<%= config.bin %> state backups --json'];
  static override args = { name: Args.string({ required: false, description: 'Deployment name (default: all)' }) };

  protected async execute(): Promise<BackupsResult> {
    return { backups: await listBackups(openStateStore(), this.args.name) };
  }

  protected override renderText(result: BackupsResult): string {
    if (result.backups.length === 0) return 'No backups.';
    const rows = result.backups.map((b) => [b.name, b.id, b.kind, `${b.bytes} B`, b.label === undefined || b.label === '' ? b.reason : `${b.label} — ${b.reason}`]);
    return table(['NAME', 'ID', 'KIND', 'SIZE', 'WHY'], rows, [3]);
  }
}
