import { budgetKind } from './billing/budget.js';
import { COMPUTE_KINDS } from './compute/index.js';
import { NETWORK_KINDS } from './network/index.js';
import type { ResourceKind, ResourceKindName } from './types.js';

const KINDS: Record<ResourceKindName, ResourceKind> = { ...NETWORK_KINDS, ...COMPUTE_KINDS, budget: budgetKind } as unknown as Record<ResourceKindName, ResourceKind>;

/** The one registry of resource kinds: destroy/resume/cleanup find every kind here, whatever tier created it. */
export function kindFor(name: ResourceKindName): ResourceKind {
  return KINDS[name];
}

/** Every IAM action the given kinds call (for preflight permission checks). */
export function iamActionsFor(names: readonly ResourceKindName[]): string[] {
  return [...new Set(names.flatMap((name) => KINDS[name].iamActions))].sort();
}
