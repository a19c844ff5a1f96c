import { runGm } from '@geusemaker/testkit';

describe('a tier whose plugin is not installed', () => {
  it('gm deploy tier3 exits 127 naming the package and both ways to get it', async () => {
    const result = await runGm(['deploy', 'tier3', '--name', 'x']);
    expect(result.exitCode).toBe(127);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('@geusemaker/plugin-tier3-gpu-cloudfront');
    expect(result.stderr).toContain('gm plugins install @geusemaker/plugin-tier3-gpu-cloudfront');
    expect(result.stderr).toContain('gm plugins link plugins/tier3-gpu-cloudfront');
    expect(result.stderr).not.toMatch(/\bat .+\.js:\d+/); // no stack trace
  });

  it('with --json stdout is exactly one error envelope', async () => {
    const result = await runGm(['deploy', 'tier3', '--name', 'x', '--json']);
    expect(result.exitCode).toBe(127);
    const envelope = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(envelope).toEqual({
      status: 'error',
      error: expect.objectContaining({ code: 'PLUGIN_NOT_INSTALLED', hint: expect.stringContaining('gm plugins link plugins/tier3-gpu-cloudfront') }),
      exitCode: 127,
    });
  });

  it('gm deploy tier2 names the tier2 plugin', async () => {
    const result = await runGm(['deploy', 'tier2', '--name', 'x', '--json']);
    expect(result.exitCode).toBe(127);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { plugin: '@geusemaker/plugin-tier2-alb' } });
  });

  it('an unknown command exits 127 pointing at --help', async () => {
    const result = await runGm(['frobnicate']);
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain('gm --help');
  });
});
