import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import type { DeployResult } from '../services/finish.js';
import { resumeDeployment } from '../services/resume.js';

export default class Resume extends GmCommand<typeof Resume, DeployResult> {
  static override summary = 'Finish an interrupted or failed deploy from its journal.';
  static override description = 'Skips what is ready, finishes what was created, adopts what a crash left (found by tags), and creates the rest.';
  static override examples = ['<%= config.bin %> resume demo'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    'no-wait': Flags.boolean({ description: 'Do not wait for the services.' }),
    'no-rollback': Flags.boolean({ description: 'On failure keep what exists (exit 6).' }),
    'wait-timeout': Flags.integer({ description: 'Seconds to wait for the stack to become ready.', default: 1200 }),
  };

  protected async execute(): Promise<DeployResult> {
    return resumeDeployment({
      name: this.args.name,
      wait: !this.flags['no-wait'],
      rollback: !this.flags['no-rollback'],
      waitTimeoutSeconds: this.flags['wait-timeout'],
      env: process.env,
      connection: this.awsConnection,
      reporter: this.reporter,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: DeployResult): string {
    return `${result.name}: ${result.status}${result.endpoints ? ` at ${result.endpoints.url}` : ''}`;
  }
}
