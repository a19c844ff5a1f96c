import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { deploymentInfo, type InfoResult } from '../services/info.js';
import { openStateStore } from '../services/session.js';

export default class Info extends GmCommand<typeof Info, InfoResult> {
  static override summary = 'URLs, how to sign in, cost, access commands and next steps for a deployment.';
  static override examples = ['<%= config.bin %> info demo'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };

  protected async execute(): Promise<InfoResult> {
    return deploymentInfo(openStateStore(), this.args.name);
  }

  protected override renderText(result: InfoResult): string {
    const urls = result.urls ? Object.entries(result.urls).map(([service, url]) => `  ${service.padEnd(9)} ${url}`) : ['  (no endpoint yet)'];
    return [
      `${result.name} — ${result.status}`,
      'URLs:',
      ...urls,
      'Sign in:',
      ...result.signIn.map((line) => `  ${line}`),
      result.cost ? `Cost: $${result.cost.hourly.toFixed(4)}/hour, $${result.cost.monthly.toFixed(2)}/month (${result.cost.instanceType} ${result.cost.market}; prices: ${result.cost.source})` : '',
      'Access:',
      result.access.ssmSession ? `  shell:        ${result.access.ssmSession}` : '',
      result.access.portForward ? `  port forward: ${result.access.portForward}` : '',
      `  secrets:      ${result.access.secrets}`,
    ]
      .filter(Boolean)
      .join('\n');
  }
}
