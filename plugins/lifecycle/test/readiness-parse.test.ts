import { parseProbe, READINESS_SCRIPT } from '../src/services/readiness.js';

const MARKER = JSON.stringify({ status: 'complete', phases: { docker: '2026-01-01T00:00:40Z' } });

describe('the readiness probe', () => {
  it('runs the host checks once the stack is up, between GM_HOST and GM_LOG', () => {
    const host = READINESS_SCRIPT.indexOf('echo GM_HOST');
    expect(host).toBeGreaterThan(READINESS_SCRIPT.indexOf('GM_COMPLETE'));
    expect(READINESS_SCRIPT.indexOf("echo '@@containers'")).toBeGreaterThan(host);
    // Not the validate command's tag: fixtures and logs keep the two commands apart.
    expect(READINESS_SCRIPT).not.toContain('geusemaker-validate');
  });

  it('hands the host section to validation and keeps the log tail apart', () => {
    const answer = parseProbe(['GM_COMPLETE', MARKER, 'GM_HEALTH 200', 'GM_HOST', '@@efs', 'fs-1:/ nfs4', '@@proxy', '200', 'GM_LOG', '[gm] done', ''].join('\n'));
    expect(answer).toEqual({ kind: 'ready', phases: { docker: '2026-01-01T00:00:40Z' }, logTail: ['[gm] done'], hostOutput: '@@efs\nfs-1:/ nfs4\n@@proxy\n200' });
  });

  it('is still pending while the proxy does not answer 200, whatever the host printed', () => {
    const answer = parseProbe(['GM_COMPLETE', MARKER, 'GM_HEALTH 502', 'GM_HOST', '@@proxy', '502', 'GM_LOG', ''].join('\n'));
    expect(answer.kind).toBe('pending');
  });
});
