import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { destroyDeployment, type DestroyResult } from '../services/destroy.js';

export default class Destroy extends GmCommand<typeof Destroy, DestroyResult> {
  static override summary = 'Delete everything gm created for a deployment, in order, and verify it is gone.';
  static override description = 'Resources you passed by id (VPC, subnets, security group) are never touched. Asks you to type the name unless --yes.';
  static override examples = ['<%= config.bin %> destroy demo', '<%= config.bin %> destroy demo --yes --keep-efs', '<%= config.bin %> destroy demo --dry-run'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    'keep-efs': Flags.boolean({ description: 'Keep the EFS file system (and its data).' }),
    'dry-run': Flags.boolean({ description: 'List what would be deleted; make no AWS call.' }),
  };

  protected async execute(): Promise<DestroyResult> {
    return destroyDeployment({
      name: this.args.name,
      keepEfs: this.flags['keep-efs'],
      dryRun: this.flags['dry-run'],
      yes: this.flags.yes,
      env: process.env,
      connection: this.awsConnection,
      reporter: this.reporter,
      prompter: this.prompter,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: DestroyResult): string {
    const verb = result.dryRun ? 'Would delete' : 'Deleted';
    const lines = [`${verb} ${result.deleted.length} resources of ${result.name}:`, ...result.deleted.map((ref) => `  - ${ref.kind} ${ref.id}`)];
    if (result.kept.length > 0) lines.push('Kept:', ...result.kept.map((ref) => `  • ${ref.kind} ${ref.id}`));
    if (result.reusedUntouched.length > 0) lines.push('Yours, untouched:', ...result.reusedUntouched.map((ref) => `  = ${ref.kind} ${ref.id}`));
    return lines.join('\n');
  }
}
