import { awsErrorName, GmError, isNotFoundName } from '../../errors/index.js';
import { gmTags, TAG, tagList } from '../tags.js';
import type { ResourceContext } from '../types.js';

/**
 * Helpers shared by the compute kinds (IAM, SSM, EFS, EC2 instance). They span several services, whose "not found"
 * and "already exists" errors are named differently (`NoSuchEntity`, `ParameterNotFound`, `FileSystemNotFound`,
 * `InvalidInstanceID.NotFound` …), so they match by name rather than by one service's convention.
 */

/** The AWS error name without the SDK's `Exception` suffix (IAM's `EntityAlreadyExists` arrives as `…Exception`). */
function baseName(error: unknown): string {
  return (awsErrorName(error) ?? '').replace(/Exception$/, '');
}

/** True when the error is one of `names` (compared without an `Exception` suffix). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  return names.includes(baseName(error));
}

/** Runs a Describe/Get: a "does not exist" answer becomes undefined. */
export async function unlessMissing<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (isNotFoundName(baseName(error))) return undefined;
    throw error;
  }
}

/** Runs a delete-type call: already gone counts as done, so deletes stay idempotent. */
export async function ignoreMissing(action: () => Promise<unknown>): Promise<void> {
  await unlessMissing(action);
}

/** The `[{ Key, Value }]` tags of a resource this deployment's step creates (DESIGN §5). */
export function stepTagList(ctx: ResourceContext, stepId: string): { Key: string; Value: string }[] {
  return tagList(gmTags(ctx.identity, stepId));
}

type TagLike = { Key?: string | undefined; Value?: string | undefined };

export function tagValue(tags: readonly TagLike[] | undefined, key: string): string | undefined {
  return tags?.find((tag) => tag.Key === key)?.Value;
}

/** Whether tags mark a resource as this deployment's (and, when given, this step's). */
export function ownedBy(ctx: ResourceContext, tags: readonly TagLike[] | undefined, stepId?: string): boolean {
  const sameDeployment = tagValue(tags, TAG.deploymentId) === ctx.identity.deploymentId;
  return sameDeployment && (stepId === undefined || tagValue(tags, TAG.step) === stepId);
}

/** AWS answered without something it always sends: an AWS-side anomaly worth a clear error, not a crash later. */
export function unexpected(what: string): GmError {
  return new GmError({
    code: 'AWS_UNEXPECTED_RESPONSE',
    message: `AWS answered without ${what}.`,
    hint: 'Run the command again; if it persists, report it with --verbose output.',
  });
}

/** A value AWS must have returned. */
export function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw unexpected(what);
  return value;
}

/**
 * A named resource (IAM role, instance profile) that exists but carries another deployment's id: gm never adopts or
 * deletes it. IAM names are global, so this is typically the same deployment name used in another region.
 */
export function nameTaken(what: string, name: string): GmError {
  return new GmError({
    code: 'RESOURCE_NAME_TAKEN',
    message: `${what} ${name} already exists and does not belong to this deployment.`,
    hint: 'IAM names are account-wide: deploy under another name (--name), or destroy the deployment that owns it.',
    exitCode: 3,
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
