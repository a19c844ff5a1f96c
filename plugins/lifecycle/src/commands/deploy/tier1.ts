import { Flags } from '@oclif/core';
import { deploySpecFlags, GmCommand, specInputFromFlags, type GmFlags } from '@geusemaker/kit/command';
import { deployTier1, type DeployResult, type DeployTier1Options } from '../../services/deploy.js';
import { planLines } from '../../services/plan-view.js';
import { missingValuesError, nameMissing, specFromWizard } from '../../services/wizard/entry.js';
import { deployWithRecovery } from '../../services/wizard/recovery.js';

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
    'skip-preflight': Flags.boolean({ description: 'Do not run the preflight checks (gm preflight) before planning.' }),
  };

  /** No name from any source: the wizard asks for it (and the rest) on a terminal; otherwise exit 2 naming --name. */
  private async specInput(): Promise<{ input: ReturnType<typeof specInputFromFlags>; confirmed: boolean; wizard?: true }> {
    const flagInput = specInputFromFlags(this.flags, 'tier1');
    if (!(await nameMissing(flagInput, process.env, this.flags.config))) return { input: flagInput, confirmed: this.flags.yes };
    if (!this.prompter.interactive) throw missingValuesError('gm deploy tier1', ['--name']);
    const say = (line: string): void => void process.stderr.write(`${line}\n`);
    const input = await specFromWizard({
      prompter: this.prompter, env: process.env, connection: this.awsConnection, flagInput, configFile: this.flags.config,
      resume: false, installedTiers: ['tier1'], livePrices: !this.flags['dry-run'], say,
    });
    return { input, confirmed: true, wizard: true }; // the wizard's summary was the confirmation
  }

  protected async execute(): Promise<DeployResult> {
    const { input, confirmed, wizard } = await this.specInput();
    // After the wizard, a failure asks: retry, roll back, or keep (deployWithRecovery).
    return (wizard ? deployWithRecovery : deployTier1)(
      deployOptions(this.flags, input, confirmed, {
        connection: this.awsConnection,
        reporter: this.reporter,
        prompter: this.prompter,
        warn: (message) => this.addWarning(message),
      }),
    );
  }

  protected override renderText(result: DeployResult): string {
    return deployText(result);
  }
}

/** The deploy options the tier-1 flags give (shared with `gm deploy`, whose flags include them). */
export function deployOptions(
  flags: GmFlags<typeof DeployTier1>,
  specInput: DeployTier1Options['specInput'],
  yes: boolean,
  io: Pick<DeployTier1Options, 'connection' | 'reporter' | 'prompter' | 'warn'>,
): DeployTier1Options {
  return {
    specInput,
    configFile: flags.config,
    env: process.env,
    dryRun: flags['dry-run'],
    wait: !flags['no-wait'],
    rollback: !flags['no-rollback'],
    yes,
    force: flags.force,
    waitTimeoutSeconds: flags['wait-timeout'],
    skipPreflight: flags['skip-preflight'],
    os: flags.os,
    ...io,
  };
}

/** The human text of a deploy result (shared with `gm deploy`, the wizard). */
export function deployText(result: DeployResult): string {
  if (result.dryRun) return result.plan === undefined ? '' : [...planLines(result.plan), '', `Next: ${result.nextSteps.join('\n      ')}`].join('\n');
  return [
    `${result.name} deployed in ${result.region}.`,
    result.endpoints ? `  URL: ${result.endpoints.url}  (public IP ${result.endpoints.publicIp})` : '',
    ...(result.endpoints ? [`  sign in: open the URL and create the n8n owner account; \`gm info ${result.name} --show-secrets\` for the other services`] : []),
    ...(result.plan ? [`  cost: $${result.plan.cost.hourly.toFixed(4)}/hour, $${result.plan.cost.monthly.toFixed(2)}/month (${result.plan.cost.instanceType} ${result.plan.cost.market})`] : []),
    `  readiness: ${result.readiness?.status ?? 'not checked'}`,
    '',
    'Next steps:',
    ...result.nextSteps.map((step) => `  ${step}`),
  ]
    .filter((line, index) => line !== '' || index > 0)
    .join('\n');
}
