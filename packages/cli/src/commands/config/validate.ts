import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { formatSpecSources, loadSpec } from '@geusemaker/kit/spec';
import type { DeploymentSpec, SpecField, SpecSources } from '@geusemaker/kit/spec';

export interface ValidateResult {
  file: string;
  valid: true;
  spec: DeploymentSpec;
  /** Where each field came from: flag (--region), env (a GM_* variable), file or default. */
  sources: SpecSources;
  /** The GM_* variables that were applied, by field. */
  envVariables: Partial<Record<SpecField, string>>;
}

export default class ConfigValidate extends GmCommand<typeof ConfigValidate, ValidateResult> {
  static override summary = 'Check a deployment config file (JSON or YAML) against the spec';
  static override description =
    'Loads FILE, applies GM_* environment variables and --region on top of it (as `gm deploy --config FILE` would; --ignore-env to check the file alone) ' +
    'and validates the result. Every problem names the field (a JSON pointer), what is wrong and how to fix it; exit code 3 when invalid. ' +
    'On success it lists each field with its value and where it came from.';

  static override examples = [
    '<%= config.bin %> config validate gm.yaml',
    '<%= config.bin %> config validate gm.json --json',
    { description: 'A GM_* variable overrides the file, as it would for gm deploy:', command: 'GM_REGION=eu-west-1 <%= config.bin %> config validate gm.yaml' },
    '<%= config.bin %> config validate gm.yaml --ignore-env',
  ];

  static override args = {
    file: Args.string({ required: true, description: 'Path of the config file (.yaml, .yml or .json; other names are sniffed)' }),
  };

  static override flags = {
    'ignore-env': Flags.boolean({ description: 'Validate the file alone, without applying GM_* environment variables.' }),
  };

  protected async execute(): Promise<ValidateResult> {
    const env = this.flags['ignore-env'] ? {} : process.env;
    // --region is a global flag; honouring it here keeps validate's answer the same as deploy's.
    const loaded = await loadSpec({ flags: { region: this.flags.region }, env, configFile: this.args.file });
    return { file: this.args.file, valid: true, ...loaded };
  }

  protected override renderText(result: ValidateResult): string {
    const variables = Object.values(result.envVariables);
    const applied = variables.length === 0 ? 'no GM_* environment variables applied' : `with ${variables.join(', ')} from the environment`;
    return `${result.file} is a valid deployment spec (${applied}).\n\n${formatSpecSources(result)}\n`;
  }
}
