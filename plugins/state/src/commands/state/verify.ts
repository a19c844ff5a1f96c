import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { ConfigError } from '@geusemaker/kit/errors';
import { openStateStore } from '@geusemaker/kit/state';
import { verifyState, type VerifyResult } from '../../services/verify.js';

export default class StateVerify extends GmCommand<typeof StateVerify, VerifyResult> {
  static override summary = 'Check every deployment: schema, document shape, journal against outputs, backup checksums.';
  static override description = 'Reads only. Exits 3 when any deployment has a problem (each is listed).';
  static override examples = ['<%= config.bin %> state verify', '<%= config.bin %> state verify demo --json'];
  static override args = { name: Args.string({ required: false, description: 'Deployment name (default: all)' }) };

  protected async execute(): Promise<VerifyResult> {
    const result = await verifyState(openStateStore(), this.args.name);
    for (const check of result.deployments) for (const warning of check.warnings) this.addWarning(`${check.name}: ${warning}`);
    if (result.ok) return result;
    const failing = result.deployments.filter((d) => !d.ok);
    throw new ConfigError({
      code: 'STATE_VERIFY_FAILED',
      message: `${failing.length} of ${result.deployments.length} deployment(s) in ${result.location} failed verification: ${failing.map((d) => `${d.name} (${d.problems.join('; ')})`).join(', ')}.`,
      hint: failing.map((d) => `gm state backups ${d.name}`).join(', ') + ' lists backups to restore from.',
      issues: failing.flatMap((d) => d.problems.map((problem) => ({ pointer: `/deployments/${d.name}`, message: problem, fix: `Restore a backup: gm state restore ${d.name} --latest` }))),
      details: { deployments: result.deployments },
    });
  }

  protected override renderText(result: VerifyResult): string {
    if (result.deployments.length === 0) return `No deployments in ${result.location}.`;
    return result.deployments
      .map((d) => `✔ ${d.name}: schemaVersion ${d.schemaVersion ?? '?'}, ${d.journalEntries} journal entries, ${d.backups} backups`)
      .join('\n');
  }
}
