import { ExitCode } from './exit-codes.js';

/** One problem found in user input, located by a JSON pointer (e.g. `/subnetIds/0`). */
export interface ValidationIssue {
  /** JSON pointer to the field, `""` for the whole document. */
  pointer: string;
  /** What is wrong, in words a user understands. */
  message: string;
  /** How to fix it. */
  fix: string;
}

export interface GmErrorOptions {
  /** Stable, machine-readable, SCREAMING_SNAKE code, e.g. `CONFIG_INVALID`. */
  code: string;
  message: string;
  /** What the user should do next. */
  hint?: string;
  exitCode?: ExitCode;
  cause?: unknown;
  /** Structured extras that go into the `--json` error envelope (e.g. validation issues). */
  details?: Record<string, unknown>;
}

/**
 * The root of every error gm reports on purpose. Anything thrown that is *not* a GmError is a bug:
 * the base command shows a short message and, with --verbose, the stack.
 */
export class GmError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: GmErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failed;
    this.details = options.details;
  }
}

type Specific = Omit<GmErrorOptions, 'exitCode'>;

/** Bad command line: unknown flag, missing argument, a value that must come from a flag when there is no TTY. */
export class UsageError extends GmError {
  constructor(options: Specific) {
    super({ ...options, exitCode: ExitCode.usage });
  }
}

/** Invalid configuration or spec: bad file, bad value, failed preflight. Carries every issue found. */
export class ConfigError extends GmError {
  readonly issues: readonly ValidationIssue[];

  constructor(options: Specific & { issues?: readonly ValidationIssue[] }) {
    const issues = options.issues ?? [];
    super({ ...options, exitCode: ExitCode.invalidConfig, details: { ...options.details, issues } });
    this.issues = issues;
  }
}

/** AWS credentials missing/expired, or a permission denied. */
export class CredentialsError extends GmError {
  constructor(options: Specific) {
    super({ ...options, exitCode: ExitCode.credentials });
  }
}

/** No capacity or quota left after trying every allowed option. */
export class CapacityError extends GmError {
  constructor(options: Specific) {
    super({ ...options, exitCode: ExitCode.capacity });
  }
}

/** Resources remain; `gm resume` or `gm destroy` can finish the job. */
export class PartialError extends GmError {
  constructor(options: Specific) {
    super({ ...options, exitCode: ExitCode.partial });
  }
}

/** Another operation holds this deployment's lock. */
export class LockedError extends GmError {
  constructor(options: Specific) {
    super({ ...options, exitCode: ExitCode.locked });
  }
}

/** A command (or a tier whose plugin is not installed) does not exist. */
export class CommandNotFoundError extends GmError {
  constructor(options: Specific) {
    super({ ...options, exitCode: ExitCode.commandNotFound });
  }
}

/** Ctrl-C / SIGTERM: stopped cleanly, the journal is saved. */
export class InterruptedError extends GmError {
  constructor(options: Partial<Specific> = {}) {
    super({
      code: 'INTERRUPTED',
      message: 'Interrupted.',
      hint: 'The journal is saved; run the same command again or `gm resume <name>` to continue.',
      ...options,
      exitCode: ExitCode.interrupted,
    });
  }
}

export function isGmError(value: unknown): value is GmError {
  return value instanceof GmError;
}
