import { DEFAULT_ANSWER, ScriptedPrompter, type ScriptedAnswer } from '@geusemaker/kit/io';
import { priceBookFromSnapshot } from '@geusemaker/kit/pricing';
import type { NetworkCatalog } from '../src/services/wizard/catalog.js';
import type { WizardContext } from '../src/services/wizard/context.js';
import { memoryProgressStore, type WizardProgress } from '../src/services/wizard/progress.js';

export const D = DEFAULT_ANSWER;

/** A region's reusable network as the wizard's discovery would see it: one good VPC and the ways others fail. */
export const fakeCatalog: NetworkCatalog = {
  vpcs: () =>
    Promise.resolve([
      { vpcId: 'vpc-0000000000000a001', label: 'vpc-0000000000000a001 10.0.0.0/16', isDefault: false, hasInternetGateway: true },
      { vpcId: 'vpc-0000000000000a002', label: 'vpc-0000000000000a002', isDefault: false, hasInternetGateway: false },
      { vpcId: 'vpc-0000000000000a003', label: 'vpc-0000000000000a003', isDefault: false, hasInternetGateway: true, managedFor: 'other-stack' },
    ]),
  subnets: (vpcId) =>
    Promise.resolve([
      { subnetId: 'subnet-0000000000000b001', vpcId, label: 'subnet-0000000000000b001', availabilityZone: 'us-east-1a', availabilityZoneId: 'use1-az1', isPublic: false },
      { subnetId: 'subnet-0000000000000b002', vpcId, label: 'subnet-0000000000000b002', availabilityZone: 'us-east-1b', availabilityZoneId: 'use1-az2', isPublic: true },
    ]),
  securityGroups: (vpcId) => Promise.resolve([{ groupId: 'sg-0000000000000c001', vpcId, label: 'sg-0000000000000c001 office' }]),
  fileSystems: () =>
    Promise.resolve([
      { fileSystemId: 'fs-0000000d', label: 'fs-0000000d encrypted', mountTargetVpcIds: [] },
      { fileSystemId: 'fs-0000000e', label: 'fs-0000000e', mountTargetVpcIds: ['vpc-0000000000000a004'] },
    ]),
};

export interface Harness {
  prompter: ScriptedPrompter;
  ctx: WizardContext;
  said: string[];
  store: ReturnType<typeof memoryProgressStore>;
}

export function harness(script: readonly ScriptedAnswer[], saved?: WizardProgress): Harness {
  const prompter = new ScriptedPrompter(script);
  const said: string[] = [];
  const ctx: WizardContext = {
    prompter,
    book: priceBookFromSnapshot(),
    defaultRegion: 'us-east-1',
    catalog: () => fakeCatalog,
    installedTiers: ['tier1'],
    say: (line) => said.push(line),
  };
  return { prompter, ctx, said, store: memoryProgressStore(saved) };
}

/** Every answer at its default except the name (which has a placeholder default) and a yes at the summary. */
export const ALL_DEFAULTS: readonly ScriptedAnswer[] = ['demo-one', D, D, D, D, 'new', D, D, D, true];
