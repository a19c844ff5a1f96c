import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore } from '@geusemaker/kit/state';
import { importDeployments, type ImportResult } from '../../services/transfer.js';

export default class StateImport extends GmCommand<typeof StateImport, ImportResult> {
  static override summary = 'Import deployments from a `gm state export` file (JSON or YAML), validated whole first.';
  static override description = 'Refuses to replace a deployment that already has state unless --force; a replaced document is kept as a manual backup.';
  static override examples = ['<%= config.bin %> state import demo.json', '<%= config.bin %> state import all.yaml --force'];
  static override args = { file: Args.string({ required: true, description: 'Export file' }) };
  static override flags = { force: Flags.boolean({ description: 'Replace deployments that already have state.' }) };

  protected async execute(): Promise<ImportResult> {
    return importDeployments(openStateStore(), this.args.file, this.flags.force);
  }

  protected override renderText(result: ImportResult): string {
    const replaced = result.replaced.length > 0 ? ` (replaced: ${result.replaced.join(', ')}; their old documents are manual backups)` : '';
    return `Imported ${result.imported.length} deployment(s) from ${result.file}: ${result.imported.join(', ')}${replaced}.`;
  }
}
