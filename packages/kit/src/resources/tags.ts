import type { DeploymentIdentity } from './types.js';

/** Tag keys gm writes on everything it creates (DESIGN §5). Reused resources never get them. */
export const TAG = {
  managedBy: 'gm:managed-by',
  deployment: 'gm:deployment',
  deploymentId: 'gm:deployment-id',
  tier: 'gm:tier',
  step: 'gm:step',
} as const;

export const MANAGED_BY_VALUE = 'geusemaker';

/** The full tag set for one resource: user tags first so gm's own keys always win. */
export function gmTags(identity: DeploymentIdentity, stepId: string): Record<string, string> {
  return {
    ...identity.userTags,
    Name: `gm-${identity.name}-${stepId}`,
    [TAG.managedBy]: MANAGED_BY_VALUE,
    [TAG.deployment]: identity.name,
    [TAG.deploymentId]: identity.deploymentId,
    [TAG.tier]: identity.tier,
    [TAG.step]: stepId,
  };
}

/** `[{ Key, Value }]`, the shape EC2, EFS, IAM and SSM all take. */
export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** EC2 `TagSpecifications` so tags are applied atomically at creation. */
export function ec2TagSpecifications(resourceType: string, identity: DeploymentIdentity, stepId: string): { ResourceType: string; Tags: { Key: string; Value: string }[] }[] {
  return [{ ResourceType: resourceType, Tags: tagList(gmTags(identity, stepId)) }];
}

/** EC2 Describe* filters that find what this deployment's step created (what a crash may have left unjournaled). */
export function ec2StepFilters(identity: DeploymentIdentity, stepId: string): { Name: string; Values: string[] }[] {
  return [
    { Name: `tag:${TAG.deploymentId}`, Values: [identity.deploymentId] },
    { Name: `tag:${TAG.step}`, Values: [stepId] },
  ];
}

/** Deterministic names for named resources (IAM role, instance profile): short enough for IAM's 64-char limit. */
export function resourceName(identity: DeploymentIdentity, suffix: string): string {
  return `gm-${identity.name}-${suffix}`;
}
