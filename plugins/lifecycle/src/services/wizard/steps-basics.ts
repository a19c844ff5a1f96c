import { CommandNotFoundError, UsageError } from '@geusemaker/kit/errors';
import { table } from '@geusemaker/kit/io';
import { OPTIONAL_PLUGINS, type OptionalPlugin } from '@geusemaker/kit/plugins';
import { FIELD_DOCS, MARKETS, TIERS, validateSpec, type Market, type Tier } from '@geusemaker/kit/spec';
import { askChoice, askText, usd, type WizardContext, type WizardStep } from './context.js';
import { candidateRows, previewCost } from './prices.js';

/** The message of the first validation issue about one field, or true. Same rules as `gm config validate`. */
export function fieldCheck(field: string, value: unknown): true | string {
  const result = validateSpec({ name: 'placeholder', [field]: value });
  if (result.ok) return true;
  const issue = result.issues.find((i) => i.pointer === `/${field}` || i.pointer.startsWith(`/${field}/`));
  return issue === undefined ? true : `${issue.message} — ${issue.fix}`;
}

const nameStep: WizardStep = {
  id: 'name',
  async ask(ctx) {
    for (;;) {
      const name = await askText(ctx, {
        message: 'Deployment name',
        flag: '--name',
        initial: 'my-ai-stack',
        help: FIELD_DOCS.name.description,
        validate: (value) => fieldCheck('name', value),
      });
      // Asked here rather than after the summary: deploy refuses a name in use (exit 3) and the answers would be lost.
      const status = await ctx.nameInUse?.(name);
      if (status === undefined) return { name };
      ctx.say(`A deployment named "${name}" already exists (status ${status}); pick another name (or \`gm resume ${name}\` / \`gm destroy ${name}\` later).`);
    }
  },
};

const regionStep: WizardStep = {
  id: 'region',
  async ask(ctx) {
    const priced = Object.keys(ctx.book.regions).sort();
    const regions = priced.includes(ctx.defaultRegion) ? priced : [ctx.defaultRegion, ...priced];
    const region = await askChoice(ctx, {
      message: 'AWS region',
      flag: '--region',
      initial: ctx.defaultRegion,
      help: 'Where the stack runs. The default comes from --region, AWS_REGION or your profile.',
      choices: regions.map((value) => ({ value, label: value, ...(priced.includes(value) ? {} : { hint: 'no bundled prices: cost shown as —' }) })),
    });
    return { region };
  },
};

const TIER_TEXT: Readonly<Record<Tier, string>> = {
  tier1: 'dev: one instance (spot first) with EFS, HTTPS on the instance',
  tier2: 'automation: tier1 behind an HTTPS load balancer in two AZs',
  tier3: 'GPU: tier2 on a GPU instance with CloudFront in front',
};

/** The optional plugin that provides `gm deploy <tier>`. */
const deployPlugin = (tier: Tier): OptionalPlugin | undefined => OPTIONAL_PLUGINS.find((p) => p.command === `deploy ${tier}`);

function tierUnavailable(tier: Tier, installed: boolean): string | undefined {
  if (tier === 'tier1') return undefined;
  const plugin = deployPlugin(tier);
  return installed ? `the wizard deploys tier1 only: run \`gm deploy ${tier} --name …\`` : `not installed: \`gm plugins install ${plugin?.packageName ?? ''}\``;
}

function refuseTier(tier: Tier, installed: boolean): Error {
  const plugin = deployPlugin(tier);
  if (installed || plugin === undefined) {
    return new UsageError({ code: 'WIZARD_TIER1_ONLY', message: `The wizard deploys tier1 only; nothing was created.`, hint: `Run \`gm deploy ${tier} --name <name>\` with flags.` });
  }
  return new CommandNotFoundError({
    code: 'PLUGIN_NOT_INSTALLED',
    message: `${tier} needs the plugin ${plugin.packageName} (${plugin.description}), which is not installed; nothing was created.`,
    hint: `Install it with \`gm plugins install ${plugin.packageName}\`, or from a checkout run \`gm plugins link ${plugin.checkoutDir}\`.`,
  });
}

const tierStep: WizardStep = {
  id: 'tier',
  async ask(ctx, answers) {
    const region = answers.region ?? ctx.defaultRegion;
    const tier = await askChoice(ctx, {
      message: 'Tier',
      flag: 'gm deploy tier1|tier2|tier3',
      initial: 'tier1',
      help: 'Hourly cost: the cheapest suitable instance (spot where offered) with storage, IP and EFS, from the bundled prices.',
      choices: TIERS.map((value) => {
        const cost = previewCost(ctx.book, region, value, undefined, 'auto');
        const unavailable = tierUnavailable(value, ctx.installedTiers.includes(value));
        return { value, label: `${value}  ${TIER_TEXT[value]}  from ${usd(cost?.total.hourly)}/h`, ...(unavailable ? { hint: unavailable } : {}) };
      }),
    });
    if (tier !== 'tier1') throw refuseTier(tier, ctx.installedTiers.includes(tier));
    return { tier };
  },
};

/** The candidate table, as a header line and one label per type (the select shows the rows under the header). */
export function candidateTable(ctx: WizardContext, region: string, tier: Tier): { header: string; rows: Map<string, string>; recommended?: string; sources: string[] } {
  const candidates = candidateRows(ctx.book, region, tier);
  const cells = candidates.map((row) => [
    row.instanceType, `${row.vCPUs}`, `${row.memoryGiB}`, usd(row.spotHourly), usd(row.onDemandHourly),
    row.savingsPercent === undefined ? '—' : `${row.savingsPercent}%`, row.placementScore === undefined ? '—' : `${row.placementScore}/10`,
    row.recommended ? '← recommended' : '',
  ]);
  const lines = table(['type', 'vCPU', 'GiB', 'spot/h', 'on-demand/h', 'savings', 'score', ''], cells, [1, 2, 3, 4, 5, 6]).split('\n');
  return {
    header: lines[0] ?? '',
    rows: new Map(candidates.map((row, index) => [row.instanceType, lines[index + 1] ?? row.instanceType])),
    ...(candidates[0] ? { recommended: candidates[0].instanceType } : {}),
    sources: [...new Set(candidates.flatMap((row) => row.sources))].sort(),
  };
}

const instanceTypeStep: WizardStep = {
  id: 'instanceType',
  async ask(ctx, answers) {
    const region = answers.region ?? ctx.defaultRegion;
    const { header, rows, recommended, sources } = candidateTable(ctx, region, answers.tier ?? 'tier1');
    const instanceType = await askChoice(ctx, {
      message: `Instance type (per hour; prices: ${sources.join(', ') || 'none'})\n  ${header}`,
      flag: '--instance-type',
      initial: 'auto',
      help: 'auto lets gm try the candidates in this order and fall back on capacity errors; a single type never falls back to another type.',
      choices: [
        { value: 'auto', label: `auto: gm picks${recommended === undefined ? '' : ` (${recommended} first)`}, with fallbacks` },
        ...[...rows].map(([value, label]) => ({ value, label })),
      ],
    });
    return { instanceType };
  },
};

const MARKET_TEXT: Readonly<Record<Market, string>> = {
  auto: 'spot, falling back to on-demand when spot has no capacity',
  spot: 'spot only (cheapest; AWS may reclaim the instance with 2 minutes notice)',
  'on-demand': 'on-demand only (never interrupted; costs more)',
};

const marketStep: WizardStep = {
  id: 'market',
  async ask(ctx, answers) {
    const region = answers.region ?? ctx.defaultRegion;
    const market = await askChoice(ctx, {
      message: 'Spot or on-demand',
      flag: '--market',
      initial: 'auto',
      help: FIELD_DOCS.market.description,
      choices: MARKETS.map((value) => {
        const cost = previewCost(ctx.book, region, answers.tier ?? 'tier1', answers.instanceType, value);
        return { value, label: `${value}: ${MARKET_TEXT[value]}`, hint: cost === undefined ? 'no price' : `${usd(cost.total.monthly, 2)}/month` };
      }),
    });
    return { market };
  },
};

export const BASIC_STEPS: readonly WizardStep[] = [nameStep, regionStep, tierStep, instanceTypeStep, marketStep];
