import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { deploymentInfo, type InfoResult } from '../services/info.js';
import { readSecrets } from '../services/secrets.js';
import { openStateStore } from '../services/session.js';

export default class Info extends GmCommand<typeof Info, InfoResult & { secrets?: Record<string, string> }> {
  static override summary = 'URLs, how to sign in, cost, access commands and next steps for a deployment.';
  static override examples = ['<%= config.bin %> info demo', '<%= config.bin %> info demo --show-secrets'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    'show-secrets': Flags.boolean({ description: 'Also read and print the secrets from SSM Parameter Store (decrypted).' }),
  };

  protected async execute(): Promise<InfoResult & { secrets?: Record<string, string> }> {
    const store = openStateStore();
    const info = await deploymentInfo(store, this.args.name);
    if (!this.flags['show-secrets']) return info;
    return { ...info, secrets: await readSecrets(store, this.args.name, this.awsConnection) };
  }

  protected override renderText(result: InfoResult & { secrets?: Record<string, string> }): string {
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
      ...(result.secrets === undefined ? [] : ['Secrets (keep them safe):', ...Object.entries(result.secrets).map(([key, value]) => `  ${key.padEnd(20)} ${value}`)]),
    ]
      .filter(Boolean)
      .join('\n');
  }
}
