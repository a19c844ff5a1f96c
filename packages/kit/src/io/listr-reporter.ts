import type { Reporter, TaskSpec, Write } from './reporter.js';

/**
 * listr2 task list on an interactive terminal, drawn on stderr so stdout stays for results. listr2 is ESM-only and
 * not needed for --help, so it is imported on first use.
 */
export class ListrReporter implements Reporter {
  readonly kind = 'interactive' as const;

  constructor(private readonly write: Write) {}

  info(message: string): void {
    this.write(`${message}\n`);
  }

  warn(message: string): void {
    this.write(`⚠ ${message}\n`);
  }

  error(message: string): void {
    this.write(`✖ ${message}\n`);
  }

  success(message: string): void {
    this.write(`✔ ${message}\n`);
  }

  async tasks<T>(specs: readonly TaskSpec<T>[], options: { concurrent?: boolean } = {}): Promise<T[]> {
    const { Listr, PRESET_TIMER } = await import('listr2');
    const results: T[] = new Array<T>(specs.length);
    const list = new Listr(
      specs.map((spec, index) => ({
        title: spec.title,
        task: async (_ctx: unknown, task: { output: string }) => {
          results[index] = await spec.run({ update: (detail) => (task.output = detail) });
        },
      })),
      {
        concurrent: options.concurrent === true,
        exitOnError: true,
        rendererOptions: { collapseErrors: false, timer: PRESET_TIMER },
      },
    );
    await list.run();
    return results;
  }
}
