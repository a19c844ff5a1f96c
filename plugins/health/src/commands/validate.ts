import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { validationError } from '@geusemaker/kit/health';
import { checkTable, summaryLine } from '../services/check-table.js';
import { validate, type ValidateResult } from '../services/validate.js';

export default class Validate extends GmCommand<typeof Validate, ValidateResult> {
  static override summary = 'Check a deployed stack end to end and record the result in its state.';
  static override description =
    'Checks the instance (running, status checks), then on the host over SSM Run Command: the UserData completion marker ' +
    'and its phase timings, the EFS mount, every container running and healthy (`docker compose ps`, with the log tail of ' +
    'any that is not) and the proxy; then every service through the public endpoint (as `gm health`). The result is stored ' +
    'in the state (`gm report` renders it). Exits 1 when a check fails. `gm deploy` runs the host checks automatically.';
  static override examples = ['<%= config.bin %> validate demo', '<%= config.bin %> validate demo --json'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = { timeout: Flags.integer({ description: 'Seconds per endpoint, retries included.', default: 10, min: 1 }) };

  protected async execute(): Promise<ValidateResult> {
    const result = await validate({ name: this.args.name, connection: this.awsConnection, env: process.env, timeoutMs: this.flags.timeout * 1000 });
    for (const c of result.checks.filter((item) => item.status === 'warn')) this.addWarning(`${c.title}: ${c.detail}`);
    if (result.status === 'fail') {
      this.reporter.info(`${checkTable(result.checks)}\n`);
      throw validationError(result.name, result);
    }
    return result;
  }

  protected override renderText(result: ValidateResult): string {
    return [`Validation of ${result.name}: ${summaryLine(result.checks)}`, '', checkTable(result.checks)].join('\n');
  }
}
