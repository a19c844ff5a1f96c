import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
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
    return result.backups
      .map((b) => `${b.name.padEnd(16)} ${b.id}  ${b.kind.padEnd(9)} ${String(b.bytes).padStart(7)} B  ${b.label ?? ''}${b.label ? ' — ' : ''}${b.reason}`)
      .join('\n');
  }
}
