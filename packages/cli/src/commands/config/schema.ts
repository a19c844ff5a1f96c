import { GmCommand } from '@geusemaker/kit/command';
import { specJsonSchema } from '@geusemaker/kit/spec';

export default class ConfigSchema extends GmCommand<typeof ConfigSchema, Record<string, unknown>> {
  static override summary = 'Print the JSON Schema (draft 2020-12) of the deployment spec';
  static override description =
    'Prints the schema that `gm config validate` checks against, for editors: save it and point your YAML or JSON ' +
    'language server at it to get completion and inline errors. With --json it is the `result` of the envelope.';

  static override examples = [
    '<%= config.bin %> config schema > gm.schema.json',
    '<%= config.bin %> config schema --json',
  ];

  protected async execute(): Promise<Record<string, unknown>> {
    return specJsonSchema();
  }

  /** The raw schema, so `gm config schema > gm.schema.json` writes a usable file. */
  protected override renderText(schema: Record<string, unknown>): string {
    return `${JSON.stringify(schema, null, 2)}\n`;
  }
}
