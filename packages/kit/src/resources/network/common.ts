import type { Ec2ResourceType, Filter, TagSpecification } from '../../aws/index.js';
import { awsErrorName, GmError } from '../../errors/index.js';
import { ec2StepFilters, ec2TagSpecifications } from '../tags.js';
import type { ResourceContext } from '../types.js';
import { pollUntil } from '../wait.js';

/** EC2's "does not exist" errors all end in `.NotFound` (InvalidVpcID.NotFound, InvalidGroup.NotFound, …). */
export function isNotFound(error: unknown): boolean {
  return awsErrorName(error)?.endsWith('.NotFound') === true;
}

/** Runs `action`; an error named in `names` means "already in the wanted state" and returns false. */
export async function tolerating(names: readonly string[], action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    if (names.includes(awsErrorName(error) ?? '')) return false;
    throw error;
  }
}

/** Runs a Describe* by id: `*.NotFound` (the resource is gone) becomes undefined. */
export async function unlessNotFound<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Runs a delete-type call: already gone counts as done, so deletes stay idempotent. */
export async function ignoreNotFound(action: () => Promise<unknown>): Promise<void> {
  await unlessNotFound(action);
}

/** Longest gm waits for a just-created id to become visible before concluding it really does not exist. */
const VISIBILITY_WAIT_SECONDS = 30;

/**
 * Runs a follow-up call on a resource created moments ago. EC2 is eventually consistent: right after a Create* the
 * new id can still answer `*.NotFound` for a few seconds (AWS documents this for VPCs, subnets and security groups),
 * so a NotFound is retried — costing nothing on the happy path — for a bounded time.
 */
export async function whileNotVisible<T>(ctx: ResourceContext, what: string, action: () => Promise<T>): Promise<T> {
  const wait = { ...ctx.wait, maxWaitSeconds: Math.min(ctx.wait.maxWaitSeconds, VISIBILITY_WAIT_SECONDS) };
  const attempt = async (): Promise<{ value: T } | undefined> => {
    try {
      return { value: await action() };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
  return (await pollUntil({ ...ctx, wait }, what, attempt)).value;
}

/** Tags applied atomically at creation (DESIGN §5), typed for the SDK's ResourceType union. */
export function tagsAtCreation(ctx: ResourceContext, resourceType: Ec2ResourceType, stepId: string): TagSpecification[] {
  return ec2TagSpecifications(resourceType, ctx.identity, stepId).map((spec) => ({ ...spec, ResourceType: resourceType }));
}

/** Filters for what this deployment's step created; uses nothing from the step input (teardown passes `{}`). */
export function stepFilters(ctx: ResourceContext, stepId: string): Filter[] {
  return ec2StepFilters(ctx.identity, stepId);
}

/**
 * The resource a step's tag search found. More than one means an earlier crash left a duplicate: gm adopts the first
 * and says so, because silently picking one would leave the other billing unnoticed.
 */
export function adoptFirst<T>(ctx: ResourceContext, found: readonly T[], what: string, idOf: (item: T) => string | undefined): T | undefined {
  if (found.length > 1) {
    const ids = found.map(idOf).join(', ');
    ctx.warn(`Found ${found.length} ${what}s tagged for the same step (${ids}); using the first. Remove the others with \`gm cleanup\`.`);
  }
  return found[0];
}

/** An id AWS must have returned; its absence is an AWS-side anomaly worth a clear error, not a crash later. */
export function requireId(id: string | undefined, what: string): string {
  if (id === undefined || id === '') {
    throw new GmError({ code: 'AWS_UNEXPECTED_RESPONSE', message: `AWS answered without ${what}.`, hint: 'Run the command again; if it persists, report it with --verbose output.' });
  }
  return id;
}
