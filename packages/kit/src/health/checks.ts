/** One check's verdict. `warn`: could not tell, or not fatal; `fail`: the operation would fail or the stack is broken. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One check of preflight or validation, as shown in the table, stored in state and rendered by `gm report`. */
export interface Check {
  /** Stable id, e.g. `credentials`, `permissions`, `container:qdrant`. */
  id: string;
  /** Short human name shown in tables and reports. */
  title: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** What to do about it (always set on `fail`, often on `warn`). */
  remediation?: string;
  /** When the check finished (ISO 8601). */
  at: string;
  /** Extra lines worth showing (a container's log tail, phase timings). */
  lines?: string[];
}

export interface CheckSummary {
  pass: number;
  warn: number;
  fail: number;
}

/** A set of checks run together (preflight, validation). */
export interface CheckReport {
  kind: 'preflight' | 'validation';
  startedAt: string;
  finishedAt: string;
  /** Worst status of all checks. */
  status: CheckStatus;
  summary: CheckSummary;
  checks: Check[];
}

export function check(id: string, title: string, status: CheckStatus, detail: string, extra: { remediation?: string; lines?: string[] } = {}): Check {
  return {
    id, title, status, detail,
    ...(extra.remediation === undefined ? {} : { remediation: extra.remediation }),
    ...(extra.lines === undefined || extra.lines.length === 0 ? {} : { lines: extra.lines }),
    at: new Date().toISOString(),
  };
}

export function summarize(checks: readonly Check[]): CheckSummary {
  return {
    pass: checks.filter((c) => c.status === 'pass').length,
    warn: checks.filter((c) => c.status === 'warn').length,
    fail: checks.filter((c) => c.status === 'fail').length,
  };
}

export function worstStatus(checks: readonly Check[]): CheckStatus {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  return checks.some((c) => c.status === 'warn') ? 'warn' : 'pass';
}

export function checkReport(kind: CheckReport['kind'], startedAt: string, checks: Check[]): CheckReport {
  return { kind, startedAt, finishedAt: new Date().toISOString(), status: worstStatus(checks), summary: summarize(checks), checks };
}

/** The message of an error, whatever was thrown. */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
