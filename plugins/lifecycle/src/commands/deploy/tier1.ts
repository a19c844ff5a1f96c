import { Flags } from '@oclif/core';
import { deploySpecFlags, GmCommand, specInputFromFlags } from '@geusemaker/kit/command';
import { deployTier1, type DeployResult } from '../../services/deploy.js';
import { planLines } from '../../services/plan-view.js';

export default class DeployTier1 extends GmCommand<typeof DeployTier1, DeployResult> {
  static override summary = 'Deploy tier 1: the AI stack on one EC2 instance (spot first) with EFS.';
  static override description =
    'Plans the resources (VPC, subnets, security groups, EFS, IAM, secrets, Elastic IP, instance), shows the plan and its cost, ' +
    'asks for confirmation (unless --yes), creates everything with a journal, and waits until the stack answers. On failure it ' +
    'rolls back what it created unless --no-rollback.';
  static override examples = [
    '<%= config.bin %> deploy tier1 --name demo --dry-run',
    '<%= config.bin %> deploy tier1 --name demo --yes',
    '<%= config.bin %> deploy tier1 --config gm.yaml --market on-demand --yes --json',
  ];

  static override flags = {
    ...deploySpecFlags,
    'dry-run': Flags.boolean({ description: 'Show the plan and its cost; needs no credentials and makes no AWS call.' }),
    'no-wait': Flags.boolean({ description: 'Return once the infrastructure exists and the instance runs, without waiting for the services.' }),
    'no-rollback': Flags.boolean({ description: 'On failure keep what was created (exit 6) for `gm resume` or `gm destroy`.' }),
    os: Flags.option({ options: ['al2023', 'ubuntu2404'] as const, default: 'al2023' as const, description: 'Instance OS: Amazon Linux 2023 or Ubuntu 24.04.' })(),
    force: Flags.boolean({ description: 'Deploy even when the estimate is over --budget.' }),
    'wait-timeout': Flags.integer({ description: 'Seconds to wait for the stack to become ready.', default: 1200 }),
  };

  protected async execute(): Promise<DeployResult> {
    return deployTier1({
      specInput: specInputFromFlags(this.flags, 'tier1'),
      configFile: this.flags.config,
      env: process.env,
      connection: this.awsConnection,
      dryRun: this.flags['dry-run'],
      wait: !this.flags['no-wait'],
      rollback: !this.flags['no-rollback'],
      yes: this.flags.yes,
      force: this.flags.force,
      waitTimeoutSeconds: this.flags['wait-timeout'],
      os: this.flags.os,
      reporter: this.reporter,
      prompter: this.prompter,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: DeployResult): string {
    if (result.dryRun) return result.plan === undefined ? '' : [...planLines(result.plan), '', `Next: ${result.nextSteps.join('\n      ')}`].join('\n');
    return [
      `${result.name} deployed in ${result.region}.`,
      result.endpoints ? `  URL: ${result.endpoints.url}  (public IP ${result.endpoints.publicIp})` : '',
      `  readiness: ${result.readiness?.status ?? 'not checked'}`,
      '',
      'Next steps:',
      ...result.nextSteps.map((step) => `  ${step}`),
    ]
      .filter((line, index) => line !== '' || index > 0)
      .join('\n');
  }
}
