import type { Tag } from '@geusemaker/kit/aws';
import { GmError } from '@geusemaker/kit/errors';
import type { Created, DeploymentIdentity, ResourceKind, ResourceRef } from '@geusemaker/kit/resources';
import type { RecordingContext } from './emulator.js';

/** Exactly gm's tags (DESIGN §5) plus the user's, nothing else. */
export function expectGmTags(identity: DeploymentIdentity, tags: Tag[] | undefined, stepId: string): void {
  expect(Object.fromEntries((tags ?? []).map((tag) => [tag.Key, tag.Value]))).toEqual({
    'gm:managed-by': 'geusemaker',
    'gm:deployment': identity.name,
    'gm:deployment-id': identity.deploymentId,
    'gm:tier': identity.tier,
    'gm:step': stepId,
    Name: `gm-${identity.name}-${stepId}`,
    ...identity.userTags,
  });
}

/**
 * The step as a resume sees it: what the journal keeps of a create (ref and outputs). The in-memory `observed` is
 * gone, so configure and waitReady must do their full checks.
 */
export function resumed(created: Created): Created {
  return { ref: created.ref, outputs: created.outputs };
}

/**
 * What a resume (findByTag with the empty input teardown passes) and a reuse (describe by id) would see. Kinds are
 * taken as `ResourceKind<never>` so any kind fits, whatever its input type.
 */
export async function expectFoundAgain(kind: ResourceKind<never>, ctx: RecordingContext, stepId: string, created: Created): Promise<void> {
  expect(await kind.findByTag(ctx, { stepId, token: 'not-used-for-lookup' }, {} as never)).toEqual(resumed(created));
  expect(await kind.describe(ctx, created.ref.id)).toEqual(resumed(created));
  expect(await kind.exists(ctx, created.ref)).toBe(true);
  expect(ctx.warnings).toEqual([]);
}

/** Delete, verify gone by every lookup, and delete again (already gone = done). */
export async function expectDeletedIdempotently(kind: ResourceKind<never>, ctx: RecordingContext, stepId: string, ref: ResourceRef): Promise<void> {
  await kind.delete(ctx, ref);
  expect(await kind.exists(ctx, ref)).toBe(false);
  await expect(kind.delete(ctx, ref)).resolves.toBeUndefined();
  expect(await kind.exists(ctx, ref)).toBe(false);
  expect(await kind.describe(ctx, ref.id)).toBeUndefined();
  expect(await kind.findByTag(ctx, { stepId, token: 'x' }, {} as never)).toBeUndefined();
}

/** The GmError a promise rejects with (fails the test if it resolves, or rejects with anything else). */
export async function rejection(promise: Promise<unknown> | undefined): Promise<GmError> {
  const error = await (promise ?? Promise.resolve()).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GmError);
  return error as GmError;
}
