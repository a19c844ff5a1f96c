import { chooseReporter, choosePrompter, NonInteractivePrompter, PlainReporter, type Terminal } from '@geusemaker/kit/io';
import { ExitCode, UsageError } from '@geusemaker/kit/errors';

const tty: Terminal = { stderrIsTty: true, stdinIsTty: true, env: {} };
const pipe: Terminal = { stderrIsTty: false, stdinIsTty: false, env: {} };

describe('chooseReporter', () => {
  const write = (): void => undefined;
  it.each([
    [{ json: true, quiet: false }, tty, 'silent'],
    [{ json: false, quiet: true }, tty, 'quiet'],
    [{ json: false, quiet: false }, tty, 'interactive'],
    [{ json: false, quiet: false }, pipe, 'plain'],
    [{ json: false, quiet: false }, { ...tty, env: { CI: 'true' } }, 'plain'],
    [{ json: false, quiet: false }, { ...tty, env: { TERM: 'dumb' } }, 'plain'],
  ] as const)('%o on %o → %s', (mode, terminal, kind) => {
    expect(chooseReporter(mode, terminal, write).kind).toBe(kind);
  });
});

describe('PlainReporter', () => {
  it('writes timestamped lines and times each task', async () => {
    const lines: string[] = [];
    const reporter = new PlainReporter('plain', (text) => lines.push(text), new Set(['info', 'warn', 'error']));
    const results = await reporter.tasks([
      { title: 'create VPC', run: async (task) => (task.update('waiting'), 'vpc-1') },
      { title: 'create subnet', run: async () => 'subnet-1' },
    ]);
    expect(results).toEqual(['vpc-1', 'subnet-1']);
    expect(lines.map((line) => line.replace(/^\[\d\d:\d\d:\d\d\] /, ''))).toEqual([
      '▸ create VPC\n',
      '  create VPC: waiting\n',
      expect.stringMatching(/^✔ create VPC \(\d+\.\ds\)\n$/),
      '▸ create subnet\n',
      expect.stringMatching(/^✔ create subnet \(\d+\.\ds\)\n$/),
    ]);
  });

  it('quiet shows errors only; silent shows nothing', () => {
    const quietLines: string[] = [];
    const quiet = new PlainReporter('quiet', (text) => quietLines.push(text), new Set(['error']));
    quiet.info('hello');
    quiet.warn('careful');
    quiet.error('broken');
    expect(quietLines).toHaveLength(1);
    expect(quietLines[0]).toMatch(/error: broken/);
    const silentLines: string[] = [];
    new PlainReporter('silent', (text) => silentLines.push(text), new Set()).error('broken');
    expect(silentLines).toEqual([]);
  });

  it('reports a failed task and rejects with its error', async () => {
    const lines: string[] = [];
    const reporter = new PlainReporter('plain', (text) => lines.push(text), new Set(['info', 'error']));
    await expect(reporter.tasks([{ title: 'boom', run: () => Promise.reject(new Error('nope')) }])).rejects.toThrow('nope');
    expect(lines.at(-1)).toMatch(/✖ boom/);
  });
});

describe('prompting', () => {
  it('never prompts without a TTY: the question becomes a usage error naming the flag', async () => {
    const prompter = choosePrompter({ noInput: false, json: false }, pipe);
    expect(prompter.interactive).toBe(false);
    const failure = prompter.input({ message: 'Deployment name?', flag: '--name' });
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toMatchObject({ exitCode: ExitCode.usage, code: 'INPUT_REQUIRED', hint: expect.stringContaining('--name <value>') });
  });

  it('--no-input and --json disable prompts even on a TTY', () => {
    expect(choosePrompter({ noInput: true, json: false }, tty)).toBeInstanceOf(NonInteractivePrompter);
    expect(choosePrompter({ noInput: false, json: true }, tty)).toBeInstanceOf(NonInteractivePrompter);
    expect(choosePrompter({ noInput: false, json: false }, tty).interactive).toBe(true);
  });
});
