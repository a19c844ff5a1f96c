import { GmCommand } from '@geusemaker/kit/command';
import { sampleSpec } from '@geusemaker/kit/spec';

export interface SampleResult {
  yaml: string;
}

export default class ConfigSample extends GmCommand<typeof ConfigSample, SampleResult> {
  static override summary = 'Print a complete, commented sample config (YAML)';
  static override description =
    'Every field with a comment saying what it does, its default and its GM_* variable. It validates as is; ' +
    'the fields that reuse existing AWS resources or open SSH are commented out. With --json the YAML is in `result.yaml`.';

  static override examples = ['<%= config.bin %> config sample > gm.yaml', '<%= config.bin %> config sample --json'];

  protected async execute(): Promise<SampleResult> {
    return { yaml: sampleSpec() };
  }

  /** The raw YAML, so `gm config sample > gm.yaml` writes a usable file. */
  protected override renderText(result: SampleResult): string {
    return result.yaml;
  }
}
