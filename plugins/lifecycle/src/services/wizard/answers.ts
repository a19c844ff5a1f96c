import type { DeploymentSpec, Market, Tier } from '@geusemaker/kit/spec';
import { SCHEMA_ID } from '@geusemaker/kit/spec';

/** The wizard's questions, in the order they are asked. `confirm` is the summary; it is never saved as answered. */
export const WIZARD_STEPS = ['name', 'region', 'tier', 'instanceType', 'market', 'network', 'access', 'budget', 'models', 'confirm'] as const;
export type WizardStepId = (typeof WIZARD_STEPS)[number];

/** A network the user chose to reuse (never modified or deleted by gm). */
export interface ReusedNetworkAnswer {
  vpcId: string;
  subnetIds: string[];
  securityGroupId?: string;
  efsId?: string;
}

/** What the user answered so far. Absent = not asked yet. */
export interface WizardAnswers {
  name?: string;
  region?: string;
  tier?: Tier;
  /** `auto` lets gm rank every suitable type; otherwise the one type the user picked. */
  instanceType?: string;
  market?: Market;
  /** `new` creates a VPC, subnets and EFS; otherwise the discovered resources to reuse. */
  network?: 'new' | ReusedNetworkAnswer;
  /** Session Manager only (no SSH port), or SSH open to a CIDR with an optional key pair. */
  access?: { ssh: false } | { ssh: true; cidr: string; keyName?: string };
  /** Monthly budget in USD; null = no budget alert. */
  budget?: number | null;
  models?: string[];
}

function networkFields(network: WizardAnswers['network']): Partial<DeploymentSpec> {
  if (network === undefined || network === 'new') return {};
  return {
    vpcId: network.vpcId,
    subnetIds: network.subnetIds,
    ...(network.securityGroupId === undefined ? {} : { securityGroupId: network.securityGroupId }),
    ...(network.efsId === undefined ? {} : { efsId: network.efsId }),
  };
}

function accessFields(access: WizardAnswers['access']): Partial<DeploymentSpec> {
  if (access === undefined || !access.ssh) return {};
  return { sshCidr: access.cidr, ...(access.keyName === undefined ? {} : { keyName: access.keyName }) };
}

/** The answers as spec fields (only the ones answered), in the spec's field order. Pure. */
export function specInputFromAnswers(answers: WizardAnswers): Partial<DeploymentSpec> {
  const input: Partial<DeploymentSpec> = {
    ...(answers.name === undefined ? {} : { name: answers.name }),
    ...(answers.tier === undefined ? {} : { tier: answers.tier }),
    ...(answers.region === undefined ? {} : { region: answers.region }),
    ...(answers.instanceType === undefined || answers.instanceType === 'auto' ? {} : { instanceTypes: [answers.instanceType] }),
    ...(answers.market === undefined ? {} : { market: answers.market }),
    ...(typeof answers.budget === 'number' ? { budget: answers.budget } : {}),
    ...networkFields(answers.network),
    ...accessFields(answers.access),
    ...(answers.models === undefined ? {} : { models: answers.models }),
  };
  return input;
}

/**
 * The spec fields (the answers, and flags) as a config file `gm deploy tier1 --config FILE --yes` accepts: JSON (which is also YAML, so any file
 * name works), with `$schema` for editors. Every answered field is written, so the file alone gives the same spec.
 */
export function configDocument(specInput: Partial<DeploymentSpec>): string {
  return `${JSON.stringify({ $schema: SCHEMA_ID, ...specInput }, null, 2)}\n`;
}
