import type { CostEstimate } from '@geusemaker/kit/pricing';
import { checkIpv4Cidr, FIELD_DOCS, SPEC_DEFAULTS } from '@geusemaker/kit/spec';
import type { WizardAnswers } from './answers.js';
import { aborted, askChoice, askText, usd, type WizardContext, type WizardStep } from './context.js';
import { previewCost } from './prices.js';
import { fieldCheck } from './steps-basics.js';

const SESSION_MANAGER =
  'Session Manager (default): no open port and no key; `aws ssm start-session --target <instance-id>` opens a shell, and IAM decides who may.';

async function askSsh(ctx: WizardContext): Promise<WizardAnswers['access']> {
  const cidr = await askText(ctx, {
    message: 'Open SSH (port 22) to which CIDR? (empty: no SSH after all)',
    flag: '--ssh-cidr',
    initial: '',
    help: 'Your own address as a.b.c.d/32 is the safe choice; 0.0.0.0/0 opens SSH to the whole internet.',
    validate: (value) => {
      if (value === '') return true;
      const check = checkIpv4Cidr(value);
      return check.ok ? true : `${check.problem} — ${check.fix}`;
    },
  });
  if (cidr === '') return { ssh: false };
  const keyName = await askText(ctx, { message: 'EC2 key pair name (empty: none)', flag: '--key-name', initial: '', help: FIELD_DOCS.keyName.description });
  return { ssh: true, cidr, ...(keyName === '' ? {} : { keyName }) };
}

const accessStep: WizardStep = {
  id: 'access',
  async ask(ctx) {
    const mode = await askChoice(ctx, {
      message: 'Shell access to the instance',
      flag: '--ssh-cidr',
      initial: 'ssm',
      help: SESSION_MANAGER,
      choices: [
        { value: 'ssm', label: 'Session Manager only (no SSH port)', hint: 'recommended' },
        { value: 'ssh', label: 'also open SSH to a CIDR you give' },
      ],
    });
    return { access: mode === 'ssm' ? { ssh: false } : await askSsh(ctx) };
  },
};

const budgetStep: WizardStep = {
  id: 'budget',
  async ask(ctx, answers) {
    const cost = previewCost(ctx.book, answers.region ?? ctx.defaultRegion, answers.tier ?? 'tier1', answers.instanceType, answers.market ?? 'auto');
    const text = await askText(ctx, {
      message: 'Monthly budget in USD (empty: none)',
      flag: '--budget',
      initial: '',
      help: `${FIELD_DOCS.budget.description} gm refuses to deploy when the estimate (${usd(cost?.total.monthly, 2)}/month) is over it.`,
      validate: (value) => (value === '' ? true : fieldCheck('budget', Number(value))),
    });
    return { budget: text === '' ? null : Number(text) };
  },
};

const modelsStep: WizardStep = {
  id: 'models',
  async ask(ctx) {
    const split = (value: string): string[] => value.split(/[,\s]+/).filter((model) => model !== '');
    const text = await askText(ctx, {
      message: 'Ollama models to pull at boot (comma-separated)',
      flag: '--model',
      initial: SPEC_DEFAULTS.models.join(', '),
      help: 'Small models boot fast on a CPU instance; you can pull more later with `ollama pull`.',
      validate: (value) => fieldCheck('models', split(value)),
    });
    return { models: split(text) };
  },
};

function costLine(cost: CostEstimate | undefined): string {
  if (cost === undefined) return 'Cost: no price data for this choice';
  const comparison =
    cost.market === 'spot' && cost.savingsPercent !== undefined
      ? ` (spot saves ${cost.savingsPercent}% vs on-demand ${usd(cost.onDemandTotal.monthly, 2)}/month)`
      : cost.spotTotal === undefined ? '' : ` (spot would be ${usd(cost.spotTotal.monthly, 2)}/month)`;
  return `Cost: ${usd(cost.total.hourly)}/hour, ${usd(cost.total.monthly, 2)}/month${comparison}; prices: ${cost.source.kind} ${cost.source.date}`;
}

/** The summary shown before the last question: every answer and the cost preview. Pure. */
function summaryLines(ctx: WizardContext, answers: WizardAnswers): string[] {
  const region = answers.region ?? ctx.defaultRegion;
  const cost = previewCost(ctx.book, region, answers.tier ?? 'tier1', answers.instanceType, answers.market ?? 'auto');
  const network = answers.network === undefined || answers.network === 'new'
    ? 'new VPC, two public subnets, new EFS'
    : [`reuse ${answers.network.vpcId}`, `subnet ${answers.network.subnetIds.join(', ')}`, answers.network.securityGroupId ? `+ group ${answers.network.securityGroupId}` : '', answers.network.efsId ? `EFS ${answers.network.efsId}` : 'new EFS'].filter(Boolean).join(', ');
  const access = answers.access?.ssh === true ? `SSH from ${answers.access.cidr}${answers.access.keyName ? ` (key ${answers.access.keyName})` : ''} + Session Manager` : 'Session Manager only';
  return [
    'Summary',
    `  name          ${answers.name ?? ''}`,
    `  region        ${region}`,
    `  tier          ${answers.tier ?? 'tier1'}`,
    `  instance      ${answers.instanceType ?? 'auto'}${cost ? ` (first choice ${cost.instanceType} ${cost.market})` : ''}`,
    `  market        ${answers.market ?? 'auto'}`,
    `  network       ${network}`,
    `  access        ${access}`,
    `  budget        ${typeof answers.budget === 'number' ? `$${answers.budget}/month` : 'none'}`,
    `  models        ${(answers.models ?? []).join(', ')}`,
    costLine(cost),
  ];
}

const confirmStep: WizardStep = {
  id: 'confirm',
  async ask(ctx, answers) {
    for (const line of summaryLines(ctx, answers)) ctx.say(line);
    const ok = await ctx.prompter.confirm({ message: 'Deploy this now?', flag: '--yes', initial: true, help: 'No stops here; nothing is created.' });
    if (!ok) throw aborted();
    return {};
  },
};

export const FINAL_STEPS: readonly WizardStep[] = [accessStep, budgetStep, modelsStep, confirmStep];
