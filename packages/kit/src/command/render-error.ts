import { ExitCode, GmError, UsageError } from '../errors/index.js';
import type { RenderMode } from './output-mode.js';

interface OclifLikeError {
  message: string;
  oclif?: { exit?: number };
  code?: string;
}

function isOclifError(error: unknown): error is OclifLikeError {
  return typeof error === 'object' && error !== null && 'oclif' in error;
}

/** Anything thrown becomes a GmError: oclif parse errors are usage errors; anything unknown is a bug. */
export function toGmError(error: unknown): GmError {
  if (error instanceof GmError) return error;
  if (isOclifError(error) && error.oclif?.exit === 2) {
    return new UsageError({ code: 'USAGE', message: stripAnsi(error.message), hint: 'See `gm <command> --help` for usage.', cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GmError({
    code: 'INTERNAL',
    message: `Unexpected error: ${message}`,
    hint: 'This is a bug in gm. Run again with --verbose for the stack trace and report it.',
    exitCode: ExitCode.failed,
    cause: error,
  });
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** The failure envelope from CLI.md; `details` (e.g. validation issues) are carried inside `error`. */
export function errorEnvelope(error: GmError): Record<string, unknown> {
  return {
    status: 'error',
    error: { code: error.code, message: error.message, hint: error.hint ?? null, ...error.details },
    exitCode: error.exitCode,
  };
}

function issueLines(error: GmError): string[] {
  const issues = error.details?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue: { pointer?: string; message?: string; fix?: string }) => {
    const where = issue.pointer === undefined || issue.pointer === '' ? '(document)' : issue.pointer;
    return `  • ${where}: ${issue.message ?? ''}${issue.fix ? `\n      fix: ${issue.fix}` : ''}`;
  });
}

function stackLines(error: GmError): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    lines.push(current.stack ?? `${current.name}: ${current.message}`);
    current = current.cause;
    if (current !== undefined) lines.push('Caused by:');
  }
  return lines;
}

/** Human form, for stderr: message, each issue, the hint, and (only with --verbose, or for bugs when verbose) the stack. */
export function errorText(error: GmError, mode: RenderMode): string {
  const lines = [`Error: ${error.message}`, ...issueLines(error)];
  if (error.hint !== undefined) lines.push(`Hint: ${error.hint}`);
  if (mode.verbose) lines.push('', ...stackLines(error));
  return `${lines.join('\n')}\n`;
}
