import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { openStateStore } from '@geusemaker/kit/state';
import { adoptDeployments, type AdoptResult } from '../../services/adopt.js';

interface AdoptFlags {
  region?: string[];
  profile?: string;
  'endpoint-url'?: string;
}

export default class StateAdopt extends GmCommand<typeof StateAdopt, AdoptResult> {
  static override summary = 'Rebuild lost state from resource tags, so `gm destroy` and `gm inspect` work again.';
  static override description =
    'Scans the regions for resources tagged gm:managed-by=geusemaker and, for each deployment that has no state in this store, ' +
    'writes a state document and a journal in which every found resource is created by gm (none is guessed as reused). The ' +
    'original settings (instance types, budget…) are not in the tags; ids, deletion order and your --tag values are.';
  static override examples = ['<%= config.bin %> state adopt', '<%= config.bin %> state adopt demo --region eu-west-1 --json'];
  static override args = { name: Args.string({ required: false, description: 'Only this deployment (default: every one found without state)' }) };
  static override flags = {
    region: Flags.string({ char: 'r', multiple: true, description: 'Region to scan (repeatable). Default: the configured region.' }),
  };

  protected async execute(): Promise<AdoptResult> {
    // `region` here replaces the global single-valued flag with a repeatable one, which the inferred type cannot express.
    const flags = this.flags as unknown as AdoptFlags;
    const regions = flags.region ?? [];
    return adoptDeployments({
      store: openStateStore(),
      connection: { region: regions[0], profile: flags.profile, endpointUrl: flags['endpoint-url'] },
      regions,
      names: this.args.name === undefined ? [] : [this.args.name],
    });
  }

  protected override renderText(result: AdoptResult): string {
    const lines = result.adopted.map((d) => `Adopted ${d.name} (${d.region}, id ${d.deploymentId}): ${d.resources.length} resources. \`gm inspect ${d.name}\`, \`gm destroy ${d.name}\`.`);
    lines.push(...result.skipped.map((s) => `Skipped ${s.name}: ${s.reason}.`));
    if (lines.length === 0) lines.push(`Nothing to adopt in ${result.regions.join(', ')}.`);
    return lines.join('\n');
  }
}
