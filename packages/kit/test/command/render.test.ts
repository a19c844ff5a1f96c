import { emitFailure, emitSuccess, renderModeFromArgv, toGmError, type Streams } from '@geusemaker/kit/command';
import { ConfigError, ExitCode } from '@geusemaker/kit/errors';

function capture(): { streams: Streams; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { streams: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, out, err };
}

const invalid = new ConfigError({
  code: 'CONFIG_INVALID',
  message: 'gm.yaml is not a valid deployment spec.',
  hint: 'Fix the fields above, then run `gm config validate gm.yaml`.',
  issues: [{ pointer: '/budget', message: 'must be > 0, got -5', fix: 'set a positive monthly budget in USD' }],
});

describe('renderModeFromArgv', () => {
  it.each([
    [['--json'], 'json'],
    [['--output', 'yaml'], 'yaml'],
    [['--output=json'], 'json'],
    [['x', '--name', 'y'], 'text'],
  ])('%j → %s', (argv, format) => {
    expect(renderModeFromArgv(argv).format).toBe(format);
  });
});

describe('emitFailure', () => {
  it('--json: exactly one envelope on stdout, nothing on stderr, issues inside error', async () => {
    const { streams, out, err } = capture();
    const code = await emitFailure(invalid, { format: 'json', verbose: false }, streams);
    expect(code).toBe(ExitCode.invalidConfig);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toEqual({
      status: 'error',
      error: {
        code: 'CONFIG_INVALID',
        message: 'gm.yaml is not a valid deployment spec.',
        hint: 'Fix the fields above, then run `gm config validate gm.yaml`.',
        issues: [{ pointer: '/budget', message: 'must be > 0, got -5', fix: 'set a positive monthly budget in USD' }],
      },
      exitCode: 3,
    });
  });

  it('text: message, each issue with its fix, the hint — and no stack unless --verbose', async () => {
    const quiet = capture();
    await emitFailure(invalid, { format: 'text', verbose: false }, quiet.streams);
    expect(quiet.out).toEqual([]);
    expect(quiet.err.join('')).toBe(
      'Error: gm.yaml is not a valid deployment spec.\n' +
        '  • /budget: must be > 0, got -5\n' +
        '      fix: set a positive monthly budget in USD\n' +
        'Hint: Fix the fields above, then run `gm config validate gm.yaml`.\n',
    );
    const verbose = capture();
    await emitFailure(invalid, { format: 'text', verbose: true }, verbose.streams);
    expect(verbose.err.join('')).toMatch(/at .+:\d+:\d+/);
  });

  it('unknown errors are bugs (exit 1, INTERNAL); oclif parse errors are usage errors (exit 2)', () => {
    expect(toGmError(new TypeError('x is undefined'))).toMatchObject({ code: 'INTERNAL', exitCode: 1 });
    const parseError = Object.assign(new Error('Nonexistent flag: --bogus'), { oclif: { exit: 2 } });
    expect(toGmError(parseError)).toMatchObject({ code: 'USAGE', exitCode: 2, message: 'Nonexistent flag: --bogus' });
  });
});

describe('emitSuccess', () => {
  it('--json wraps the result with warnings; yaml prints the same document; text uses the command text', async () => {
    const json = capture();
    await emitSuccess({ valid: true }, ['heads up'], { format: 'json', verbose: false }, () => 'ignored', json.streams);
    expect(JSON.parse(json.out.join(''))).toEqual({ status: 'success', result: { valid: true }, warnings: ['heads up'] });
    const yaml = capture();
    await emitSuccess({ valid: true }, [], { format: 'yaml', verbose: false }, () => 'ignored', yaml.streams);
    expect(yaml.out.join('')).toBe('status: success\nresult:\n  valid: true\nwarnings: []\n');
    const text = capture();
    await emitSuccess({ valid: true }, [], { format: 'text', verbose: false }, () => 'gm.yaml is valid', text.streams);
    expect(text.out).toEqual(['gm.yaml is valid\n']);
  });
});
