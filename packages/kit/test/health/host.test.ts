import { parseComposePs, parseHostStatus, parseSections, utilizationAlerts } from '@geusemaker/kit/health';
import { containerChecks, efsCheck, phaseLines, userDataCheck } from '../../src/health/host-checks.js';

describe('host output parsing', () => {
  it('reads compose ps JSON both as lines (compose ≥ 2.21) and as one array, skipping warnings', () => {
    const lines = ['WARN[0000] The "X" variable is not set.', '{"Service":"n8n","State":"running","Health":"healthy"}', '[{"Service":"qdrant","State":"exited","Health":"","ExitCode":137}]'];
    expect(parseComposePs(lines)).toEqual([
      { service: 'n8n', state: 'running', health: 'healthy' },
      { service: 'qdrant', state: 'exited', health: '', exitCode: 137 },
    ]);
  });

  it('attaches the log tail to a container that exited, and fails a missing one', () => {
    const sections = parseSections(['@@containers', '{"Service":"qdrant","State":"exited","ExitCode":137}', '@@logs qdrant', 'out of memory', ''].join('\n'));
    const checks = containerChecks('demo', sections);
    expect(checks.find((c) => c.id === 'container:qdrant')).toMatchObject({ status: 'fail', detail: 'exited (exit 137)', lines: ['out of memory'] });
    expect(checks.find((c) => c.id === 'container:n8n')).toMatchObject({ status: 'fail', detail: 'no such container' });
  });

  it('reports UserData phases with the time each took, and a failed phase', () => {
    expect(phaseLines({ docker: '2026-01-01T00:00:40Z', packages: '2026-01-01T00:00:20Z' })).toEqual(['packages         2026-01-01T00:00:20Z', 'docker           2026-01-01T00:00:40Z  (+20s)']);
    expect(userDataCheck('demo', ['failed {"phase":"efs-mount","exitCode":32}'])).toMatchObject({ status: 'fail', detail: 'UserData failed in phase efs-mount (exit 32)' });
    expect(userDataCheck('demo', ['none']).status).toBe('fail');
  });

  it('accepts only an NFS/EFS mount at /mnt/efs', () => {
    expect(efsCheck('demo', ['fs-1.efs.us-east-1.amazonaws.com:/ nfs4']).status).toBe('pass');
    expect(efsCheck('demo', ['/dev/nvme0n1p1 xfs']).status).toBe('fail');
  });

  it('turns utilization over its threshold and a spot notice into alerts', () => {
    const host = parseHostStatus(['@@containers', '@@spot', '{"action":"terminate","time":"2026-01-01T00:10:00Z"}', '@@memory', '1000 500', '@@disk', '/ 85%', '@@gpu', '97, 1000, 24000', ''].join('\n'));
    expect(host).toMatchObject({ memory: { percent: 50 }, disks: [{ mount: '/', percent: 85 }], gpu: { percent: 97, memoryUsedMiB: 1000, memoryTotalMiB: 24000 } });
    expect(utilizationAlerts(host, 95)).toEqual([
      'CPU at 95% (threshold 90%)', 'disk / at 85% (threshold 85%)', 'GPU at 97% (threshold 95%)', 'spot interruption notice: {"action":"terminate","time":"2026-01-01T00:10:00Z"}',
    ]);
  });
});
