import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore } from '@geusemaker/kit/state';
import { describeHolder, unlockDeployment, type UnlockResult } from '../../services/unlock.js';

export default class StateUnlock extends GmCommand<typeof StateUnlock, UnlockResult> {
  static override summary = "Remove a deployment's lock after showing who holds it (asks first unless --yes).";
  static override description = 'Only for a lock whose gm process is gone (e.g. on another machine). Without a terminal, --yes is required.';
  static override examples = ['<%= config.bin %> state unlock demo', '<%= config.bin %> state unlock demo --yes'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };

  protected async execute(): Promise<UnlockResult> {
    return unlockDeployment(openStateStore(), this.args.name, { yes: this.flags.yes, prompter: this.prompter, show: (line) => this.reporter.info(line) });
  }

  protected override renderText(result: UnlockResult): string {
    if (!result.removed) return `${result.name} is not locked.`;
    return `Removed the lock of ${result.name}${result.holder ? ` (was: ${describeHolder(result.holder)})` : ''}.`;
  }
}
