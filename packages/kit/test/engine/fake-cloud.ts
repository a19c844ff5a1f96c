import type { Created, ResourceContext, ResourceKind, ResourceKindName, ResourceRef, StepMeta } from '@geusemaker/kit/resources';

/** An in-memory cloud: resources keyed by id, tagged with their step, with failures and delays on demand. */
export class FakeCloud {
  readonly resources = new Map<string, { kind: ResourceKindName; stepId: string }>();
  readonly calls: string[] = [];
  private counter = 0;
  failCreate = new Set<string>();
  /** Steps whose next create is performed but its answer lost: the resource exists, the call throws ECONNRESET. */
  loseAnswer = new Set<string>();
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
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return {
      kind: name,
      iamActions: [],
      create: async (_ctx: ResourceContext, _input: unknown, meta: StepMeta): Promise<Created> => {
        this.calls.push(`create ${meta.stepId}`);
        this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
        await pause();
        this.inFlight--;
        if (this.failCreate.has(meta.stepId)) throw Object.assign(new Error('boom'), { name: 'InvalidParameterValue' });
        const id = `${name}-${++this.counter}`;
        this.resources.set(id, { kind: name, stepId: meta.stepId });
        if (this.loseAnswer.delete(meta.stepId)) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: {} });
        return { ref: { kind: name, id }, outputs: { id } };
      },
      findByTag: async (_ctx: ResourceContext, meta: StepMeta): Promise<Created | undefined> => {
        this.calls.push(`find ${meta.stepId}`);
        const found = [...this.resources].find(([, value]) => value.stepId === meta.stepId);
        return found === undefined ? undefined : { ref: { kind: name, id: found[0] }, outputs: { id: found[0] } };
      },
      describe: async (_ctx: ResourceContext, id: string): Promise<Created | undefined> => {
        return this.resources.has(id) ? { ref: { kind: name, id }, outputs: { id } } : undefined;
      },
      exists: async (_ctx: ResourceContext, ref: ResourceRef): Promise<boolean> => {
        return this.resources.has(ref.id);
      },
      delete: async (_ctx: ResourceContext, ref: ResourceRef): Promise<void> => {
        this.calls.push(`delete ${ref.id}`);
        const pendingErrors = this.dependencyErrorsOnDelete.get(ref.id) ?? 0;
        if (pendingErrors > 0) {
          this.dependencyErrorsOnDelete.set(ref.id, pendingErrors - 1);
          throw Object.assign(new Error('still in use'), { name: 'DependencyViolation' });
        }
        await pause();
        this.resources.delete(ref.id);
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
