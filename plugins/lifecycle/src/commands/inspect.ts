import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore } from '../services/session.js';
import { inspectDeployment, type InspectResult } from '../services/views.js';

export default class Inspect extends GmCommand<typeof Inspect, InspectResult> {
  static override summary = 'Show every resource id, endpoint, the config, cost and the journal summary of a deployment.';
  static override examples = ['<%= config.bin %> inspect demo --json'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };

  protected async execute(): Promise<InspectResult> {
    return inspectDeployment(openStateStore(), this.args.name);
  }

  protected override renderText(result: InspectResult): string {
    const d = result.deployment;
    return [
      `${d.name} (${d.tier}, ${d.region}) — ${d.status}, id ${d.deploymentId}`,
      result.endpoints ? `URL: ${result.endpoints.url}` : 'URL: (none yet)',
      result.instance ? `Instance: ${result.instance.instanceType} ${result.instance.market} in ${result.instance.availabilityZone}` : '',
      result.cost ? `Cost: $${result.cost.hourly.toFixed(4)}/h, $${result.cost.monthly.toFixed(2)}/month (${result.cost.instanceType} ${result.cost.market}; ${result.cost.source.kind} ${result.cost.source.date})` : '',
      'Resources:',
      ...result.resources.map((r) => `  ${r.phase.padEnd(8)} ${r.kind.padEnd(17)} ${(r.id ?? '-').padEnd(24)} ${r.reused ? '(yours) ' : ''}${r.title}`),
      `Journal: ${result.journal.entries} entries; ${Object.entries(result.journal.byPhase).map(([phase, count]) => `${phase} ${count}`).join(', ')}`,
      ...(d.lastError ? [`Last error: ${d.lastError.code}: ${d.lastError.message}`] : []),
    ]
      .filter(Boolean)
      .join('\n');
  }
}
