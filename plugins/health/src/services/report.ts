import { writeFile } from 'node:fs/promises';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment } from '@geusemaker/kit/deployment';
import { reportFrom, type DeploymentReport } from './report-model.js';
import { renderHtml, renderMarkdown } from './report-render.js';
import { openStateStore } from './session.js';
import { validate } from './validate.js';

export type ReportFormat = 'json' | 'md' | 'html';

export interface ReportRequest {
  name: string;
  format: ReportFormat;
  output?: string;
  /** Validate now (and store it) instead of reporting the last stored validation. */
  refresh: boolean;
  connection: AwsConnectionOptions;
  env: NodeJS.ProcessEnv;
}

export interface ReportResult {
  report: DeploymentReport;
  /** The rendered document (absent when written to --output). */
  document?: string;
  output?: string;
}

export function render(report: DeploymentReport, format: ReportFormat): string {
  if (format === 'md') return renderMarkdown(report);
  if (format === 'html') return renderHtml(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `gm report NAME`: the last validation (or a fresh one with --refresh) with the deployment's facts, rendered. */
export async function deploymentReport(request: ReportRequest): Promise<ReportResult> {
  if (request.refresh) await validate({ name: request.name, connection: request.connection, env: request.env, timeoutMs: 10_000 });
  const report = reportFrom(await readDeployment(openStateStore(request.env), request.name));
  const document = render(report, request.format);
  if (request.output === undefined) return { report, document };
  await writeFile(request.output, document, 'utf8');
  return { report, output: request.output };
}
