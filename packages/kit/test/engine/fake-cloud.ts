import type { Created, ResourceContext, ResourceKind, ResourceKindName, ResourceRef, StepMeta } from '@geusemaker/kit/resources';

/** An in-memory cloud: resources keyed by id, tagged with their step, with failures and delays on demand. */
export class FakeCloud {
  readonly resources = new Map<string, { kind: ResourceKindName; stepId: string }>();
  readonly calls: string[] = [];
  private counter = 0;
  failCreate = new Set<string>();
  dependencyErrorsOnDelete = new Map<string, number>();
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** A resource that exists at AWS but whose create call "crashed" before the journal heard of it. */
  leaveOrphan(kind: ResourceKindName, stepId: string): string {
    const id = `${kind}-${++this.counter}`;
    this.resources.set(id, { kind, stepId });
    return id;
  }

  kind(name: ResourceKindName): ResourceKind {
    const cloud = this;
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, cloud.delayMs));
    return {
      kind: name,
      iamActions: [],
      async create(_ctx: ResourceContext, _input: unknown, meta: StepMeta): Promise<Created> {
        cloud.calls.push(`create ${meta.stepId}`);
        cloud.maxInFlight = Math.max(cloud.maxInFlight, ++cloud.inFlight);
        await pause();
        cloud.inFlight--;
        if (cloud.failCreate.has(meta.stepId)) throw Object.assign(new Error('boom'), { name: 'InvalidParameterValue' });
        const id = `${name}-${++cloud.counter}`;
        cloud.resources.set(id, { kind: name, stepId: meta.stepId });
        return { ref: { kind: name, id }, outputs: { id } };
      },
      async findByTag(_ctx: ResourceContext, meta: StepMeta): Promise<Created | undefined> {
        cloud.calls.push(`find ${meta.stepId}`);
        const found = [...cloud.resources].find(([, value]) => value.stepId === meta.stepId);
        return found === undefined ? undefined : { ref: { kind: name, id: found[0] }, outputs: { id: found[0] } };
      },
      async describe(_ctx: ResourceContext, id: string): Promise<Created | undefined> {
        return cloud.resources.has(id) ? { ref: { kind: name, id }, outputs: { id } } : undefined;
      },
      async exists(_ctx: ResourceContext, ref: ResourceRef): Promise<boolean> {
        return cloud.resources.has(ref.id);
      },
      async delete(_ctx: ResourceContext, ref: ResourceRef): Promise<void> {
        cloud.calls.push(`delete ${ref.id}`);
        const pendingErrors = cloud.dependencyErrorsOnDelete.get(ref.id) ?? 0;
        if (pendingErrors > 0) {
          cloud.dependencyErrorsOnDelete.set(ref.id, pendingErrors - 1);
          throw Object.assign(new Error('still in use'), { name: 'DependencyViolation' });
        }
        await pause();
        cloud.resources.delete(ref.id);
      },
    };
  }
}

export function fakeContext(): ResourceContext {
  return {
    aws: undefined as never,
    identity: { name: 't1', deploymentId: 'd-1', tier: 'tier1', userTags: {} },
    wait: { minDelaySeconds: 0, maxDelaySeconds: 0, maxWaitSeconds: 1 },
    progress: () => undefined,
    warn: () => undefined,
  };
}
