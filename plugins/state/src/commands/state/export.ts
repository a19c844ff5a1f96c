import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { formatExport, openStateStore, type StateExport } from '@geusemaker/kit/state';
import { exportDeployments } from '../../services/transfer.js';

export default class StateExportCommand extends GmCommand<typeof StateExportCommand, StateExport> {
  static override summary = 'Print the state (documents, journals, checksums) of one deployment or of all, for `gm state import`.';
  static override examples = ['<%= config.bin %> state export demo > demo.json', '<%= config.bin %> state export --format yaml > all.yaml'];
  static override args = { name: Args.string({ required: false, description: 'Deployment name (default: all)' }) };
  static override flags = {
    format: Flags.option({ options: ['json', 'yaml'] as const, default: 'json' as const, description: 'Format of the export.' })(),
  };

  /** renderText is synchronous and YAML loads lazily, so the text is prepared in execute. */
  private text = '';

  protected async execute(): Promise<StateExport> {
    const exported = await exportDeployments(openStateStore(), this.args.name);
    this.text = await formatExport(exported, this.flags.format);
    return exported;
  }

  protected override renderText(): string {
    return this.text;
  }
}
