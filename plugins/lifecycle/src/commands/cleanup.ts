import { Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { cleanup, type CleanupResult, type OrphanView } from '../services/cleanup.js';

function age(hours: number | null): string {
  if (hours === null) return '-';
  if (hours < 1) return `${Math.round(hours * 60)}m`;
  if (hours < 48) return `${Math.round(hours)}h`;
  return `${Math.round(hours / 24)}d`;
}

function table(items: readonly OrphanView[]): string[] {
  const header = ['DEPLOYMENT', 'REGION', 'KIND', 'ID', 'AGE', 'COST/H'];
  const rows = items.map((item) => [item.deployment, item.region, item.kind, item.id, age(item.ageHours), item.hourlyUsd === null ? '-' : `$${item.hourlyUsd.toFixed(4)}`]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

interface CleanupFlags {
  region?: string[];
  'all-regions': boolean;
  deployment?: string[];
  'dry-run': boolean;
  yes: boolean;
  profile?: string;
  'endpoint-url'?: string;
}

export default class Cleanup extends GmCommand<typeof Cleanup, CleanupResult> {
  static override summary = 'Find and remove orphaned gm resources: tagged by gm, but of no live deployment in this state store.';
  static override description = [
    'Scans the regions (in parallel) for resources tagged gm:managed-by=geusemaker — instances, Elastic IPs, security groups, subnets, route tables, internet gateways, VPCs, EFS file systems and their mount targets, IAM roles and instance profiles (global), SSM parameters under /geusemaker/ — and deletes those whose deployment is not live in this state store, dependents first.',
    'Never touches an untagged resource, a resource you passed by id (reused: never tagged by gm), or anything of a deployment that is live here (present and not destroyed) or that such a deployment references. Root volumes go with their instance. Load balancers, target groups, CloudFront and ACM are not scanned yet: no tier creates them today.',
    'The hourly cost is an estimate from the bundled price snapshot (instances at the on-demand rate, Elastic IPs, EBS); EFS bills per GB stored and shows no hourly figure. Without --yes, asks on a terminal and refuses otherwise.',
  ].join('\n\n');
  static override examples = [
    '<%= config.bin %> cleanup --dry-run',
    '<%= config.bin %> cleanup --region us-east-1 --region eu-west-1 --yes',
    '<%= config.bin %> cleanup --all-regions --dry-run --json',
    '<%= config.bin %> cleanup --deployment old-demo --yes',
  ];
  static override flags = {
    region: Flags.string({ char: 'r', multiple: true, description: 'Region to scan (repeatable). Default: the configured region.' }),
    'all-regions': Flags.boolean({ description: 'Scan every region of the bundled price snapshot (plus any --region).' }),
    deployment: Flags.string({ multiple: true, description: 'Only the orphans of this deployment name (repeatable).' }),
    'dry-run': Flags.boolean({ description: 'List the orphans, their age and estimated cost; delete nothing.' }),
  };

  protected async execute(): Promise<CleanupResult> {
    // `region` here replaces the global single-valued flag with a repeatable one, which the inferred type cannot express.
    const flags = this.flags as unknown as CleanupFlags;
    const regions = flags.region ?? [];
    return cleanup({
      regions,
      allRegions: flags['all-regions'],
      deployments: flags.deployment ?? [],
      dryRun: flags['dry-run'],
      yes: flags.yes,
      env: process.env,
      connection: { region: regions[0], profile: flags.profile, endpointUrl: flags['endpoint-url'] },
      reporter: this.reporter,
      prompter: this.prompter,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: CleanupResult): string {
    const scanned = `Scanned ${result.regions.join(', ')}.`;
    const live = result.liveDeployments.length > 0 ? [`Live here, untouched: ${result.liveDeployments.join(', ')}.`] : [];
    if (result.orphans.length === 0) return [scanned, ...live, 'No orphaned gm resources.'].join('\n');
    const cost = `Estimated $${result.estimatedHourlyUsd.toFixed(4)}/h ($${result.estimatedMonthlyUsd.toFixed(2)}/month).`;
    if (result.dryRun) return [scanned, ...live, `Would delete ${result.orphans.length} orphaned resources:`, ...table(result.orphans), cost].join('\n');
    const lines = [scanned, ...live, `Deleted ${result.deleted.length} orphaned resources:`, ...table(result.deleted)];
    if (result.skipped.length > 0) lines.push('Left in place:', ...result.skipped.map((item) => `  ${item.kind} ${item.id}: ${item.reason}`));
    return lines.join('\n');
  }
}
