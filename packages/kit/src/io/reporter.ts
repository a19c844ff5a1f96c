/**
 * Messages are separate from how they are shown: commands and kit services talk to a Reporter; which Reporter a run
 * gets is decided once, from the terminal and the global flags (see chooseReporter).
 */
export interface TaskContext {
  /** Replace the task's title/status line while it runs (e.g. "waiting for instance (12 s)"). */
  update(detail: string): void;
}

export interface TaskSpec<T = unknown> {
  title: string;
  run(task: TaskContext): Promise<T>;
}

export interface Reporter {
  readonly kind: ReporterKind;
  info(message: string): void;
  warn(message: string): void;
  /** Shown even with --quiet (never with --json: the envelope carries errors). */
  error(message: string): void;
  success(message: string): void;
  /** Run tasks showing progress; `concurrent` runs them together. Rejects with the first failure. */
  tasks<T>(specs: readonly TaskSpec<T>[], options?: { concurrent?: boolean }): Promise<T[]>;
}

export type ReporterKind = 'interactive' | 'plain' | 'silent' | 'quiet';

export type Write = (text: string) => void;
