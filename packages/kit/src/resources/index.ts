export type {
  ResourceKindName,
  InputValue,
  InputRef,
  StepOutputs,
  DeploymentIdentity,
  ResourceRef,
  WaitPolicy,
  ResourceContext,
  StepMeta,
  Created,
  Observed,
  ResourceKind,
} from './types.js';
export { TAG, MANAGED_BY_VALUE, gmTags, tagList, ec2TagSpecifications, ec2StepFilters, resourceName } from './tags.js';
export { pollUntil } from './wait.js';
export { kindFor, iamActionsFor } from './registry.js';
export { deploymentInventory, type InventoryItem } from './inventory.js';
export {
  findManagedResources,
  orphansOf,
  cleanupOrder,
  deleteOrphans,
  CLEANUP_PHASES,
  type ManagedKind,
  type ManagedResource,
  type LiveDeployments,
  type CleanupEvent,
  type CleanupOutcome,
  type DeleteOrphansOptions,
} from './orphans.js';
export { NETWORK_KINDS } from './network/index.js';
export { COMPUTE_KINDS } from './compute/index.js';
export { readStackSecrets } from './compute/ssm-secrets.js';
export {
  budgetKind,
  budgetName,
  budgetMatches,
  createBudgetRequest,
  deploymentTagFilter,
  BUDGET_ALERT_PERCENTS,
  type BudgetInput,
} from './billing/budget.js';
