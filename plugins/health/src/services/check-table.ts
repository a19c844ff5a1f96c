import { summarize, type Check } from '@geusemaker/kit/health';
import { table } from '@geusemaker/kit/io';

const MARK: Readonly<Record<Check['status'], string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

/** The pass/warn/fail table, with each failure's remediation and extra lines (log tails, phases) beneath it. */
export function checkTable(checks: readonly Check[]): string {
  const rows = checks.map((c) => [MARK[c.status], c.title, c.detail]);
  const body = table(['STATUS', 'CHECK', 'DETAIL'], rows);
  const notes = checks.flatMap((c) => {
    if (c.status === 'pass' && c.lines === undefined) return [];
    const extra = c.status === 'pass' ? [] : [`${MARK[c.status]} ${c.title}${c.remediation === undefined ? '' : ` — fix: ${c.remediation}`}`];
    return [...extra, ...(c.lines ?? []).map((line) => `    ${line}`)];
  });
  return notes.length === 0 ? body : `${body}\n\n${notes.join('\n')}`;
}

export function summaryLine(checks: readonly Check[]): string {
  const { pass, warn, fail } = summarize(checks);
  return `${pass} passed, ${warn} warnings, ${fail} failed`;
}
