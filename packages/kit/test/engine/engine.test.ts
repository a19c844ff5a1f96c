import { criticalPath, MemoryJournal, replayJournal, runPlan, teardown, type JournalEntry } from '@geusemaker/kit/engine';
import type { Plan, PlanStep } from '@geusemaker/kit/plan';
import type { Created, ResourceKind, ResourceKindName } from '@geusemaker/kit/resources';
import { FakeCloud, fakeContext } from './fake-cloud.js';

function step(id: string, kind: ResourceKindName, dependsOn: string[] = [], extra: Partial<PlanStep> = {}): PlanStep {
  const input = Object.fromEntries(dependsOn.map((dependency) => [dependency, { $ref: `${dependency}.id` }]));
  return { id, kind, action: 'create', title: id, dependsOn, input, ...extra };
}

// vpc → (subnet, sg) → instance; efs independent; subnet+efs → mount.
const plan: Plan = {
  deploymentName: 't1',
  deploymentId: 'd-1',
  tier: 'tier1',
  region: 'us-east-1',
  steps: [
    step('vpc', 'vpc'),
    step('subnet', 'subnet', ['vpc']),
    step('sg', 'security-group', ['vpc']),
    step('efs', 'efs-file-system'),
    step('mount', 'efs-mount-target', ['efs', 'subnet']),
    step('instance', 'instance', ['subnet', 'sg', 'mount']),
  ],
};

function run(cloud: FakeCloud, journal: MemoryJournal, records = replayJournal(journal.entries)) {
  return runPlan({ plan, records, kinds: (kind) => cloud.kind(kind), journal, ctx: fakeContext(), concurrency: 4, tokenFor: (s) => `tok-${s.id}` });
}

const phases = (entries: JournalEntry[], stepId: string): string[] =>
  entries.filter((entry) => entry.type !== 'run' && entry.stepId === stepId).map((entry) => entry.type);

describe('runPlan', () => {
  it('creates every step after its dependencies, journaling intent → created → ready', async () => {
    const cloud = new FakeCloud();
    const journal = new MemoryJournal();
    const outcome = await run(cloud, journal);
    expect(outcome.kind).toBe('completed');
    expect(cloud.resources.size).toBe(6);
    for (const s of plan.steps) expect(phases(journal.entries, s.id)).toEqual(['intent', 'created', 'ready']);
    const position = (id: string): number => cloud.calls.indexOf(`create ${id}`);
    expect(position('vpc')).toBeLessThan(position('subnet'));
    expect(position('mount')).toBeLessThan(position('instance'));
    expect(position('efs')).toBeLessThan(position('subnet')); // independent roots start together
  });

  it('runs independent steps in parallel (up to the concurrency bound)', async () => {
    const cloud = new FakeCloud();
    cloud.delayMs = 30;
    await run(cloud, new MemoryJournal());
    // vpc and efs start together; subnet and sg follow vpc while efs may still run.
    expect(cloud.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(cloud.maxInFlight).toBeLessThanOrEqual(3);
    const serial = new FakeCloud();
    serial.delayMs = 5;
    await runPlan({ plan, records: new Map(), kinds: (k) => serial.kind(k), journal: new MemoryJournal(), ctx: fakeContext(), concurrency: 1, tokenFor: (s) => s.id });
    expect(serial.maxInFlight).toBe(1);
  });

  it('criticalPath finds the longest weighted chain', () => {
    const path = criticalPath(plan.steps, (s) => (s.id === 'efs' ? 500 : 60));
    expect(path).toEqual({ length: 620, chain: ['efs', 'mount', 'instance'] });
    expect(criticalPath(plan.steps, () => 60).chain).toEqual(['vpc', 'subnet', 'mount', 'instance']);
  });

  it('stops at the first failure, lets running steps finish, and the teardown removes what was created', async () => {
    const cloud = new FakeCloud();
    cloud.failCreate.add('mount');
    const journal = new MemoryJournal();
    const outcome = await run(cloud, journal);
    expect(outcome).toMatchObject({ kind: 'failed', failedStep: 'mount', error: { code: 'AWS_ERROR' } });
    expect(cloud.calls).not.toContain('create instance');
    expect(phases(journal.entries, 'mount')).toEqual(['intent', 'failed']);
    const result = await teardown({ steps: plan.steps, records: replayJournal(journal.entries), kinds: (k) => cloud.kind(k), journal, ctx: fakeContext(), concurrency: 4 });
    expect(result.failures).toEqual([]);
    expect(cloud.resources.size).toBe(0);
    // subnet is deleted only after nothing depending on it remains; vpc last.
    const deletions = cloud.calls.filter((call) => call.startsWith('delete'));
    expect(deletions.at(-1)).toMatch(/^delete vpc-/);
  });

  it('resume adopts a resource a crash left between the create call and the journal (no duplicate)', async () => {
    const cloud = new FakeCloud();
    const journal = new MemoryJournal();
    await journal.append({ type: 'intent', at: 'x', stepId: 'vpc', token: 'tok-vpc' });
    const orphan = cloud.leaveOrphan('vpc', 'vpc');
    const outcome = await run(cloud, journal);
    expect(outcome.kind).toBe('completed');
    expect(cloud.calls).not.toContain('create vpc');
    expect([...cloud.resources.values()].filter((r) => r.kind === 'vpc')).toHaveLength(1);
    expect(journal.entries).toContainEqual(expect.objectContaining({ type: 'created', stepId: 'vpc', adopted: true, ref: { kind: 'vpc', id: orphan } }));
  });

  it('adopts what a create made when its answer was lost, instead of creating it twice', async () => {
    const cloud = new FakeCloud();
    cloud.loseAnswer.add('vpc');
    const journal = new MemoryJournal();
    const outcome = await run(cloud, journal);
    expect(outcome.kind).toBe('completed');
    expect(cloud.calls.filter((call) => call === 'create vpc')).toHaveLength(1);
    expect(cloud.calls).toContain('find vpc');
    const vpcs = [...cloud.resources].filter(([, r]) => r.kind === 'vpc');
    expect(vpcs).toHaveLength(1);
    expect(cloud.resources.size).toBe(6);
    expect(phases(journal.entries, 'vpc')).toEqual(['intent', 'created', 'ready']);
    expect(journal.entries).toContainEqual(expect.objectContaining({ type: 'created', stepId: 'vpc', adopted: true, ref: { kind: 'vpc', id: vpcs[0]?.[0] } }));
  });

  it('creates once more when a lost answer left nothing behind', async () => {
    const cloud = new FakeCloud();
    const journal = new MemoryJournal();
    const kinds = (name: ResourceKindName): ResourceKind => {
      const kind = cloud.kind(name);
      if (name !== 'vpc') return kind;
      let dropped = false;
      return {
        ...kind,
        create: async (ctx, input, meta) => {
          if (dropped) return kind.create(ctx, input, meta);
          dropped = true;
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        },
      };
    };
    const outcome = await runPlan({ plan, records: new Map(), kinds, journal, ctx: fakeContext(), concurrency: 4, tokenFor: (s) => `tok-${s.id}` });
    expect(outcome.kind).toBe('completed');
    expect([...cloud.resources.values()].filter((r) => r.kind === 'vpc')).toHaveLength(1);
    expect(journal.entries).not.toContainEqual(expect.objectContaining({ type: 'created', stepId: 'vpc', adopted: true }));
  });

  it('hands configure and waitReady what create observed, never journals it, and a resumed step gets none', async () => {
    const seen: { call: string; observed: Created['observed'] }[] = [];
    const kind: ResourceKind = {
      kind: 'vpc',
      iamActions: [],
      create: async () => ({ ref: { kind: 'vpc', id: 'vpc-1' }, outputs: { vpcId: 'vpc-1' }, observed: { state: 'available' } }),
      configure: async (_ctx, _input, created) => {
        seen.push({ call: 'configure', observed: created.observed });
        created.observed = { ...created.observed, facts: { seenByConfigure: 'yes' } };
        return {};
      },
      waitReady: async (_ctx, created) => {
        seen.push({ call: 'waitReady', observed: created.observed });
        return {};
      },
      findByTag: async () => undefined,
      describe: async () => undefined,
      exists: async () => true,
      delete: async () => undefined,
    };
    const onePlan: Plan = { ...plan, steps: [step('vpc', 'vpc')] };
    const journal = new MemoryJournal();
    const go = (records: ReturnType<typeof replayJournal>) =>
      runPlan({ plan: onePlan, records, kinds: () => kind, journal, ctx: fakeContext(), concurrency: 1, tokenFor: (s) => s.id });

    expect((await go(new Map())).kind).toBe('completed');
    expect(seen).toEqual([
      { call: 'configure', observed: { state: 'available' } },
      { call: 'waitReady', observed: { state: 'available', facts: { seenByConfigure: 'yes' } } },
    ]);
    expect(journal.entries.find((entry) => entry.type === 'created')).not.toHaveProperty('observed');
    expect(JSON.stringify(journal.entries)).not.toMatch(/available|seenByConfigure/);

    // A crash after the `created` entry: the resume finishes the step from the journal, with nothing observed.
    seen.length = 0;
    expect((await go(replayJournal(journal.entries.filter((entry) => entry.type !== 'ready')))).kind).toBe('completed');
    expect(seen).toEqual([
      { call: 'configure', observed: undefined },
      { call: 'waitReady', observed: { facts: { seenByConfigure: 'yes' } } },
    ]);
  });

  it('resume skips ready steps and finishes created ones', async () => {
    const cloud = new FakeCloud();
    const first = new MemoryJournal();
    cloud.failCreate.add('instance');
    await run(cloud, first);
    cloud.failCreate.clear();
    const creates = cloud.calls.filter((c) => c.startsWith('create')).length;
    const outcome = await run(cloud, first);
    expect(outcome.kind).toBe('completed');
    // Only the failed step is created again (after looking for it by tag); nothing else is touched.
    expect(cloud.calls.filter((c) => c.startsWith('create')).length - creates).toBe(1);
    expect(cloud.calls.slice(-2)).toEqual(['find instance', 'create instance']);
    expect([...cloud.resources.values()].filter((r) => r.kind === 'instance')).toHaveLength(1);
  });
});

describe('teardown', () => {
  it('never deletes reused resources and retries dependency errors', async () => {
    const cloud = new FakeCloud();
    const vpcId = cloud.leaveOrphan('vpc', 'someone-elses');
    const reusePlan: Plan = { ...plan, steps: [step('vpc', 'vpc', [], { action: 'reuse', reuseId: vpcId }), step('sg', 'security-group', ['vpc'])] };
    const journal = new MemoryJournal();
    const outcome = await runPlan({ plan: reusePlan, records: new Map(), kinds: (k) => cloud.kind(k), journal, ctx: fakeContext(), concurrency: 2, tokenFor: (s) => s.id });
    expect(outcome.kind).toBe('completed');
    const sgId = [...cloud.resources].find(([, r]) => r.kind === 'security-group')?.[0] ?? '';
    cloud.dependencyErrorsOnDelete.set(sgId, 2);
    const result = await teardown({
      steps: reusePlan.steps,
      records: replayJournal(journal.entries),
      kinds: (k) => cloud.kind(k),
      journal,
      ctx: fakeContext(),
      concurrency: 2,
      dependencyRetry: { attempts: 5, delayMs: 1 },
    });
    expect(result.failures).toEqual([]);
    expect(result.deleted).toEqual([{ kind: 'security-group', id: sgId }]);
    expect(cloud.resources.has(vpcId)).toBe(true);
    expect(cloud.calls.filter((c) => c === `delete ${sgId}`)).toHaveLength(3);
  });
});

describe('interruption', () => {
  it('an abort stops new steps, lets running ones finish and journal their ids, and is never a failure', async () => {
    const cloud = new FakeCloud();
    cloud.delayMs = 40;
    const journal = new MemoryJournal();
    const controller = new AbortController();
    const ctx = { ...fakeContext(), signal: controller.signal };
    setTimeout(() => controller.abort(), 10);
    const outcome = await runPlan({ plan, records: new Map(), kinds: (k) => cloud.kind(k), journal, ctx, concurrency: 4, tokenFor: (s) => s.id });
    expect(outcome.kind).toBe('interrupted');
    // vpc and efs were in flight: both finished and are journaled as created; nothing after them started.
    expect(cloud.calls.filter((c) => c.startsWith('create')).sort()).toEqual(['create efs', 'create vpc']);
    expect(journal.entries.filter((e) => e.type === 'created').map((e) => (e.type === 'created' ? e.stepId : '')).sort()).toEqual(['efs', 'vpc']);
  });
});

describe('teardown sweep', () => {
  it('deletes a second resource tagged for the same step that the journal never heard of (a retried create)', async () => {
    const cloud = new FakeCloud();
    const journal = new MemoryJournal();
    const single: Plan = { ...plan, steps: [step('vpc', 'vpc')] };
    await runPlan({ plan: single, records: new Map(), kinds: (k) => cloud.kind(k), journal, ctx: fakeContext(), concurrency: 1, tokenFor: (s) => s.id });
    const duplicate = cloud.leaveOrphan('vpc', 'vpc');
    const warnings: string[] = [];
    const result = await teardown({ steps: single.steps, records: replayJournal(journal.entries), kinds: (k) => cloud.kind(k), journal, ctx: { ...fakeContext(), warn: (m) => warnings.push(m) }, concurrency: 1 });
    expect(result.failures).toEqual([]);
    expect(result.deleted.map((ref) => ref.id)).toContain(duplicate);
    expect(result.deleted).toHaveLength(2);
    expect(cloud.resources.size).toBe(0);
    expect(warnings).toEqual([expect.stringContaining(`vpc ${duplicate} tagged for step vpc but not in the journal`)]);
  });
});
