import type { Reporter, ReporterKind, TaskSpec, Write } from './reporter.js';

function stamp(now: Date): string {
  return now.toISOString().slice(11, 19);
}

function seconds(startedMs: number): string {
  return `${((Date.now() - startedMs) / 1000).toFixed(1)}s`;
}

/**
 * Timestamped lines on stderr: for logs, CI and pipes. `levels` narrows what is shown, which gives the quiet reporter
 * (errors only) and the silent one (--json: nothing) from the same code.
 */
export class PlainReporter implements Reporter {
  constructor(
    readonly kind: ReporterKind,
    private readonly write: Write,
    private readonly levels: ReadonlySet<'info' | 'warn' | 'error'>,
  ) {}

  private line(level: 'info' | 'warn' | 'error', text: string): void {
    if (this.levels.has(level)) this.write(`[${stamp(new Date())}] ${text}\n`);
  }

  info(message: string): void {
    this.line('info', message);
  }

  warn(message: string): void {
    this.line('warn', `warning: ${message}`);
  }

  error(message: string): void {
    this.line('error', `error: ${message}`);
  }

  success(message: string): void {
    this.line('info', `✔ ${message}`);
  }

  async tasks<T>(specs: readonly TaskSpec<T>[], options: { concurrent?: boolean } = {}): Promise<T[]> {
    const runOne = async (spec: TaskSpec<T>): Promise<T> => {
      const started = Date.now();
      this.line('info', `▸ ${spec.title}`);
      try {
        const result = await spec.run({ update: (detail) => this.line('info', `  ${spec.title}: ${detail}`) });
        this.line('info', `✔ ${spec.title} (${seconds(started)})`);
        return result;
      } catch (error) {
        this.line('error', `✖ ${spec.title} (${seconds(started)})`);
        throw error;
      }
    };
    if (options.concurrent === true) return Promise.all(specs.map(runOne));
    const results: T[] = [];
    for (const spec of specs) results.push(await runOne(spec));
    return results;
  }
}
