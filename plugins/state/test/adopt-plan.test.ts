import type { InventoryItem, ManagedResource } from '@geusemaker/kit/resources';
import { adoptedSteps, userTagsOf } from '../src/services/adopt-plan.js';

const resource = (kind: ManagedResource['kind'], id: string, details: Record<string, string> = {}): ManagedResource => ({
  region: 'us-east-1', kind, id, deployment: 'demo', deploymentId: 'd-1', tier: 'tier1', createdAt: undefined, details,
});
const tagged = (id: string, step: string, extra: Record<string, string> = {}): InventoryItem => ({ service: 'ec2', type: 'x', id, tags: { 'gm:step': step, ...extra } });

describe('adopt: steps from tags', () => {
  const resources = [
    resource('vpc', 'vpc-1'),
    resource('instance', 'i-1', { market: 'spot', spotInstanceRequestId: 'sir-1' }),
    resource('volume', 'vol-1'),
    resource('efs-mount-target', 'fsmt-1', { fileSystemId: 'fs-1' }),
    resource('efs-mount-target', 'fsmt-2', { fileSystemId: 'fs-1' }),
    resource('ssm-secrets', '/geusemaker/demo/a', { prefix: '/geusemaker/demo/' }),
    resource('ssm-secrets', '/geusemaker/demo/b', { prefix: '/geusemaker/demo/' }),
  ];
  const steps = adoptedSteps(resources, [tagged('vpc-1', 'vpc'), tagged('i-1', 'instance')]);
  const byId = new Map(steps.map((s) => [s.step.id, s]));

  it('uses gm:step tags, tier-1 ids for untagged mount targets and secrets, and skips root volumes', () => {
    expect([...byId.keys()].sort()).toEqual(['instance', 'mount-target-1', 'mount-target-2', 'secrets', 'vpc']);
    expect(steps.every((s) => s.step.action === 'create')).toBe(true);
  });

  it('keeps what delete needs in the refs: spot request, file system, one SSM prefix', () => {
    expect(byId.get('instance')?.ref).toEqual({ kind: 'instance', id: 'i-1', extra: { market: 'spot', spotInstanceRequestId: 'sir-1' } });
    expect(byId.get('mount-target-2')?.ref).toEqual({ kind: 'efs-mount-target', id: 'fsmt-2', extra: { fileSystemId: 'fs-1' } });
    expect(byId.get('secrets')?.ref).toEqual({ kind: 'ssm-secrets', id: '/geusemaker/demo/', extra: { stepId: 'secrets' } });
  });

  it('orders deletion like cleanup: the VPC waits for everything, the instance for nothing', () => {
    expect(byId.get('instance')?.step.dependsOn.sort()).toEqual(['mount-target-1', 'mount-target-2', 'vpc']);
    expect(byId.get('vpc')?.step.dependsOn).toEqual([]);
  });

  it("recovers the user's tags, not gm's, Name or aws:", () => {
    expect(userTagsOf([tagged('a', 's', { owner: 'alice', Name: 'gm-demo-s', 'aws:cloudformation': 'x', 'gm:tier': 'tier1' })])).toEqual({ owner: 'alice' });
  });
});
