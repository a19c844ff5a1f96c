import { CLEANUP_PHASES, cleanupOrder, orphansOf, type ManagedResource } from '../../src/resources/orphans.js';

const resource = (kind: ManagedResource['kind'], id: string, deployment = 'gone', details: Record<string, string> = {}): ManagedResource => ({
  region: 'us-east-1',
  kind,
  id,
  deployment,
  deploymentId: `${deployment}-id`,
  tier: 'tier1',
  createdAt: undefined,
  details,
});

describe('orphansOf', () => {
  const found = [
    resource('vpc', 'vpc-1'),
    resource('vpc', 'vpc-2', 'live'),
    resource('subnet', 'subnet-9'),
    resource('efs-file-system', 'fs-1'),
    resource('efs-mount-target', 'fsmt-1', 'gone', { fileSystemId: 'fs-1' }),
  ];

  it('keeps out every resource of a live deployment name', () => {
    expect(orphansOf(found, ['live']).map((r) => r.id)).toEqual(['vpc-1', 'subnet-9', 'fs-1', 'fsmt-1']);
  });

  it('keeps out a live deployment id, what live state references, and mount targets of a referenced file system', () => {
    const orphans = orphansOf(found, { names: [], deploymentIds: ['live-id'], resourceIds: ['subnet-9', 'fs-1'] });
    expect(orphans.map((r) => r.id)).toEqual(['vpc-1']);
  });
});

describe('cleanupOrder', () => {
  it('puts dependents before what they depend on', () => {
    const phaseOf = (kind: string): number => CLEANUP_PHASES.findIndex((phase) => phase.some((k) => k === kind));
    const before: [string, string][] = [
      ['instance', 'elastic-ip'], ['efs-mount-target', 'efs-file-system'], ['instance', 'security-group'], ['efs-mount-target', 'security-group'],
      ['route-table', 'internet-gateway'], ['internet-gateway', 'subnet'], ['subnet', 'vpc'], ['security-group', 'vpc'],
      ['instance-profile', 'iam-role'], ['instance', 'subnet'], ['efs-mount-target', 'subnet'],
    ];
    for (const [first, then] of before) expect(phaseOf(first)).toBeLessThan(phaseOf(then));
  });

  it('turns SSM parameters into one ref per /geusemaker/<name>/ prefix', () => {
    const params = ['a', 'b'].map((n) => resource('ssm-secrets', `/geusemaker/gone/${n}`, 'gone', { prefix: '/geusemaker/gone/' }));
    const ssm = cleanupOrder(params).flat().find((step) => step.kind === 'ssm-secrets');
    expect(ssm?.targets.map((t) => t.id)).toEqual(['/geusemaker/gone/']);
  });
});
