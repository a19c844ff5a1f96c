import { Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore, stateStoreFor } from '@geusemaker/kit/state';
import { migrateStore, type MigrateResult } from '../../services/transfer.js';

export default class StateMigrate extends GmCommand<typeof StateMigrate, MigrateResult> {
  static override summary = 'Copy every deployment (documents, journals, backups) to another state backend.';
  static override description =
    'The source is the current backend (--state, GM_STATE, else local GM_HOME) and is left untouched. Then point gm at the new ' +
    'backend with GM_STATE (or --state).';
  static override examples = ['<%= config.bin %> state migrate --to s3://my-team-gm-state/prod', '<%= config.bin %> state migrate --state s3://my-team-gm-state/prod --to local'];
  static override flags = {
    to: Flags.string({ required: true, description: 'Target backend: s3://bucket/prefix, or local (GM_HOME).' }),
    force: Flags.boolean({ description: 'Replace deployments that already exist in the target.' }),
  };

  protected async execute(): Promise<MigrateResult> {
    return migrateStore(openStateStore(), stateStoreFor(this.flags.to), this.flags.force);
  }

  protected override renderText(result: MigrateResult): string {
    return `Copied ${result.deployments.length} deployment(s) and ${result.backups} backup(s) from ${result.from} to ${result.to}: ${result.deployments.join(', ') || '(none)'}.\nThe source is unchanged. Use the new backend with GM_STATE=${result.to} (or --state).`;
  }
}
