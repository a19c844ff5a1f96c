import type { Check } from '@geusemaker/kit/health';
import type { DeploymentReport } from './report-model.js';

const ICON: Readonly<Record<Check['status'], string>> = { pass: '✅', warn: '⚠️', fail: '❌' };

function facts(report: DeploymentReport): [string, string][] {
  const d = report.deployment;
  const rows: [string, string | undefined][] = [
    ['Deployment', `${d.name} (${d.tier}, ${d.region})`], ['State', d.status], ['URL', d.url], ['Instance', d.instanceId],
    ['Type', d.instanceType === undefined ? undefined : `${d.instanceType} ${d.market ?? ''}`.trim()], ['Created', d.createdAt],
    ['Last error', d.lastError], ['Checked', report.checkedAt === undefined ? 'never (run gm validate)' : `${report.checkedAt.startedAt} → ${report.checkedAt.finishedAt}`],
    ['Report generated', report.generatedAt],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}

function summaryText(report: DeploymentReport): string {
  return `${report.status.toUpperCase()}: ${report.summary.pass} passed, ${report.summary.warn} warnings, ${report.summary.fail} failed`;
}

const mdCell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderMarkdown(report: DeploymentReport): string {
  const lines = [`# GeuseMaker report: ${report.deployment.name}`, '', `**${summaryText(report)}**`, '', '| | |', '|---|---|'];
  lines.push(...facts(report).map(([key, value]) => `| ${key} | ${mdCell(value)} |`), '', '## Checks', '', '| | Check | Detail | Remediation | At |', '|---|---|---|---|---|');
  lines.push(...report.checks.map((c) => `| ${ICON[c.status]} ${c.status} | ${mdCell(c.title)} | ${mdCell(c.detail)} | ${mdCell(c.remediation ?? '')} | ${c.at} |`));
  for (const c of report.checks.filter((item) => item.lines !== undefined)) lines.push('', `### ${c.title}`, '', '```', ...(c.lines ?? []), '```');
  return `${lines.join('\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1d232a;padding:0 1rem}
h1{font-size:1.6rem}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #d8dee4;padding:.45rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}.badge{display:inline-block;border-radius:4px;padding:.1rem .5rem;font-weight:600;font-size:.8rem;color:#fff}
.pass{background:#1a7f37}.warn{background:#9a6700}.fail{background:#cf222e}.not-validated{background:#57606a}
pre{background:#f6f8fa;border:1px solid #d8dee4;padding:.6rem;overflow:auto;font-size:.8rem;margin:.4rem 0 0}
.summary{font-size:1.1rem;margin:1rem 0}td:last-child{white-space:nowrap}.facts td:first-child{width:12rem;color:#57606a}`;

function checkRow(c: Check): string {
  const lines = c.lines === undefined ? '' : `<pre>${escapeHtml(c.lines.join('\n'))}</pre>`;
  return `<tr class="check" data-check="${escapeHtml(c.id)}"><td><span class="badge ${c.status}">${c.status.toUpperCase()}</span></td>` +
    `<td>${escapeHtml(c.title)}</td><td>${escapeHtml(c.detail)}${lines}</td><td>${escapeHtml(c.remediation ?? '')}</td><td>${escapeHtml(c.at)}</td></tr>`;
}

/** One self-contained file: inline CSS, no script, no external asset; every value escaped. */
export function renderHtml(report: DeploymentReport): string {
  const factRows = facts(report).map(([key, value]) => `<tr><td>${escapeHtml(key)}</td><td>${escapeHtml(value)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GeuseMaker report: ${escapeHtml(report.deployment.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<h1>GeuseMaker report: ${escapeHtml(report.deployment.name)}</h1>
<p class="summary"><span class="badge ${report.status}">${escapeHtml(report.status.toUpperCase())}</span> ${escapeHtml(summaryText(report))}</p>
<table class="facts">${factRows}</table>
<h2>Checks</h2>
<table><thead><tr><th>Status</th><th>Check</th><th>Detail</th><th>Remediation</th><th>At</th></tr></thead>
<tbody>
${report.checks.map(checkRow).join('\n')}
</tbody></table>
</body></html>
`;
}
