import { Flags } from '@oclif/core';
import { UsageError } from '../errors/index.js';
import type { DeploymentSpec } from '../spec/types.js';

/**
 * The deploy flags of CLI.md, shared by `gm deploy tierN`, `gm cost estimate` and `gm preflight` so every command
 * reads a spec the same way. Spec values only; behaviour flags (--dry-run, --no-wait …) belong to each command.
 */
export const deploySpecFlags = {
  name: Flags.string({ description: 'Deployment name: 1–28 lowercase letters, digits, hyphens, starting with a letter.' }),
  config: Flags.string({ description: 'Config file (YAML or JSON) with spec fields; flags and GM_* variables win over it.' }),
  'instance-type': Flags.string({ multiple: true, description: 'Allowed instance type, in order of preference (repeatable).' }),
  market: Flags.option({ options: ['auto', 'spot', 'on-demand'] as const, description: 'auto (default): spot, falling back to on-demand.' })(),
  'on-demand': Flags.boolean({ description: 'Same as --market on-demand.' }),
  'max-hourly-price': Flags.string({ description: 'Highest hourly price (USD) gm may pay for the instance.' }),
  budget: Flags.string({ description: 'Monthly budget in USD.' }),
  'vpc-id': Flags.string({ description: 'Reuse this VPC (never modified or deleted).' }),
  'subnet-id': Flags.string({ multiple: true, description: 'Reuse this public subnet (repeatable).' }),
  'security-group-id': Flags.string({ description: "Attach this security group beside gm's own." }),
  'efs-id': Flags.string({ description: 'Reuse this EFS file system.' }),
  'key-name': Flags.string({ description: 'EC2 key pair for SSH (SSH also needs --ssh-cidr).' }),
  'ssh-cidr': Flags.string({ description: 'Open port 22 to this CIDR (default: no SSH port; use SSM Session Manager).' }),
  'allowed-cidr': Flags.string({ description: 'Who may reach HTTPS (default 0.0.0.0/0).' }),
  cidr: Flags.string({ description: 'CIDR of the VPC gm creates (default 10.42.0.0/16).' }),
  tag: Flags.string({ multiple: true, description: 'Extra tag k=v on every resource (repeatable).' }),
  model: Flags.string({ multiple: true, description: 'Ollama model to pull at boot (repeatable).' }),
};

export interface DeploySpecFlagValues {
  name?: string;
  region?: string;
  'instance-type'?: string[];
  market?: 'auto' | 'spot' | 'on-demand';
  'on-demand'?: boolean;
  'max-hourly-price'?: string;
  budget?: string;
  'vpc-id'?: string;
  'subnet-id'?: string[];
  'security-group-id'?: string;
  'efs-id'?: string;
  'key-name'?: string;
  'ssh-cidr'?: string;
  'allowed-cidr'?: string;
  cidr?: string;
  tag?: string[];
  model?: string[];
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError({ code: 'USAGE', message: `--${flag} must be a number, got "${value}".`, hint: `Pass e.g. --${flag} 0.10` });
  return parsed;
}

function tags(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  return Object.fromEntries(
    values.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError({ code: 'USAGE', message: `--tag "${pair}" is not k=v.`, hint: 'Pass e.g. --tag owner=alice' });
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** Flag values → the spec fields they set (undefined = not given, so env, file and defaults apply). */
export function specInputFromFlags(flags: DeploySpecFlagValues, tier: DeploymentSpec['tier']): Partial<DeploymentSpec> {
  const market = flags['on-demand'] === true ? 'on-demand' : flags.market;
  const input: Partial<DeploymentSpec> = {
    tier,
    name: flags.name,
    region: flags.region,
    instanceTypes: flags['instance-type'],
    market,
    maxHourlyPrice: number('max-hourly-price', flags['max-hourly-price']),
    budget: number('budget', flags.budget),
    vpcId: flags['vpc-id'],
    subnetIds: flags['subnet-id'],
    securityGroupId: flags['security-group-id'],
    efsId: flags['efs-id'],
    keyName: flags['key-name'],
    sshCidr: flags['ssh-cidr'],
    allowedCidr: flags['allowed-cidr'],
    cidr: flags.cidr,
    tags: tags(flags.tag),
    models: flags.model,
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<DeploymentSpec>;
}
