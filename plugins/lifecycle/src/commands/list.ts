import { Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { table } from '@geusemaker/kit/io';
import { openStateStore } from '../services/session.js';
import { listDeployments, type DeploymentSummary } from '../services/views.js';

export default class List extends GmCommand<typeof List, DeploymentSummary[]> {
  static override summary = 'List deployments known to this state store.';
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --status deployed --sort cost --json'];
  static override flags = {
    tier: Flags.option({ options: ['tier1', 'tier2', 'tier3'] as const, description: 'Only this tier.' })(),
    status: Flags.string({ description: 'Only this status (deployed, failed, interrupted, …).' }),
    sort: Flags.option({ options: ['name', 'created', 'cost'] as const, default: 'name' as const, description: 'Sort order.' })(),
  };

  protected async execute(): Promise<DeploymentSummary[]> {
    return listDeployments(openStateStore(), { tier: this.flags.tier, status: this.flags.status, region: this.flags.region, sort: this.flags.sort });
  }

  protected override renderText(result: DeploymentSummary[]): string {
    if (result.length === 0) return 'No deployments. Create one with `gm deploy tier1 --name <name>`.';
    const rows = result.map((d) => [d.name, d.tier, d.region, d.status, d.hourly === null ? '-' : `$${d.hourly.toFixed(4)}/h`, d.url ?? '-']);
    return table(['NAME', 'TIER', 'REGION', 'STATUS', 'COST', 'URL'], rows);
  }
}
