import { Args, Flags } from '@oclif/core';
import { GmCommand, specInputFromFlags } from '@geusemaker/kit/command';
import { CommandNotFoundError } from '@geusemaker/kit/errors';
import { optionalPluginFor, pluginNotInstalledError } from '@geusemaker/kit/plugins';
import type { Tier } from '@geusemaker/kit/spec';
import type { DeployResult } from '../../services/deploy.js';
import { missingValuesError, nameMissing, specFromWizard } from '../../services/wizard/entry.js';
import { deployWithRecovery } from '../../services/wizard/recovery.js';
import DeployTier1, { deployOptions, deployText } from './tier1.js';

/** `gm deploy tier2` without its plugin reaches this command with `tier2` as argument: same answer as the hook. */
function unknownTier(tier: string, argv: readonly string[]): CommandNotFoundError {
  const plugin = optionalPluginFor('deploy', [tier, ...argv]);
  if (plugin === undefined) {
    return new CommandNotFoundError({ code: 'COMMAND_NOT_FOUND', message: `"gm deploy ${tier}" is not a gm command.`, hint: 'Run `gm deploy --help` to see the tiers.' });
  }
  return pluginNotInstalledError(plugin);
}

export default class Deploy extends GmCommand<typeof Deploy, DeployResult> {
  static override summary = 'Guided deploy: a wizard asks for each value, shows the cost, and deploys tier 1.';
  static override description =
    'On an interactive terminal, asks for the name, region, tier, instance type, spot or on-demand, network (new or reused), ' +
    'access, budget and models — each with a default and help — then shows a summary with the cost and deploys. Type "abort" ' +
    'or press Ctrl-C at any question to stop with nothing created (exit 130); `--resume-wizard` continues from the next ' +
    'question. Without a terminal, or with --no-input, nothing is asked: it exits 2 naming the values to pass.';
  static override examples = [
    '<%= config.bin %> deploy',
    '<%= config.bin %> deploy --save-config gm.json',
    '<%= config.bin %> deploy --resume-wizard',
  ];

  static override args = { tier: Args.string({ description: 'Use `gm deploy tier1` (or an installed tier) to deploy with flags.', required: false }) };

  static override flags = {
    ...DeployTier1.flags,
    'resume-wizard': Flags.boolean({ description: 'Continue the wizard from the question after the last one answered.' }),
    'save-config': Flags.string({ description: 'Write the answers to this file, for `gm deploy tier1 --config FILE --yes`.' }),
  };

  private installedTiers(): Tier[] {
    return (['tier1', 'tier2', 'tier3'] as const).filter((tier) => this.config.findCommand(`deploy:${tier}`) !== undefined);
  }

  protected async execute(): Promise<DeployResult> {
    if (this.args.tier !== undefined) throw unknownTier(this.args.tier, this.argv);
    const flagInput = specInputFromFlags(this.flags, 'tier1');
    if (!this.prompter.interactive) {
      const missing = ['a tier (gm deploy tier1)', ...((await nameMissing(flagInput, process.env, this.flags.config)) ? ['--name'] : [])];
      throw missingValuesError('gm deploy', missing);
    }
    const specInput = await specFromWizard({
      prompter: this.prompter, env: process.env, connection: this.awsConnection, flagInput, resume: this.flags['resume-wizard'],
      ...(this.flags['save-config'] === undefined ? {} : { saveConfig: this.flags['save-config'] }),
      ...(this.flags.config === undefined ? {} : { configFile: this.flags.config }),
      installedTiers: this.installedTiers(), livePrices: !this.flags['dry-run'], say: (line) => process.stderr.write(`${line}\n`),
    });
    return deployWithRecovery(
      deployOptions(this.flags, specInput, true, {
        connection: this.awsConnection, reporter: this.reporter, prompter: this.prompter, warn: (message) => this.addWarning(message),
      }),
    );
  }

  protected override renderText(result: DeployResult): string {
    return deployText(result);
  }
}
