import { runGm } from '@geusemaker/testkit';

// The base command owns parsing, the envelope and exit codes for every command; `gm config validate` stands in.
describe('the base command, through a real gm process', () => {
  it('an unknown flag is a usage error: exit 2, one envelope under --json, no stack', async () => {
    const result = await runGm(['config', 'validate', 'gm.yaml', '--bogus', '--json']);
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'error', error: { code: 'USAGE', message: expect.stringContaining('--bogus') }, exitCode: 2 });
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing argument is a usage error naming it', async () => {
    const result = await runGm(['config', 'validate']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: Missing 1 required arg:\nfile /);
    expect(result.stderr).toContain('Hint: See `gm <command> --help`');
    expect(result.stderr).not.toContain('did not parse');
  });

  it('--output yaml prints the same envelope as YAML', async () => {
    const result = await runGm(['config', 'validate', 'does-not-exist.yaml', '--output', 'yaml']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^status: error\nerror:\n {2}code: CONFIG_NOT_FOUND\n/);
    expect(result.stdout).toMatch(/\nexitCode: 3\n$/);
  });

  it('--verbose adds the stack trace to a failure', async () => {
    const plain = await runGm(['config', 'validate', 'does-not-exist.yaml']);
    const verbose = await runGm(['config', 'validate', 'does-not-exist.yaml', '--verbose']);
    expect(plain.exitCode).toBe(3);
    expect(verbose.exitCode).toBe(3);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
});
