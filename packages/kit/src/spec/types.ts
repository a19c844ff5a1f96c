/**
 * The deployment spec: what `gm deploy` builds, as one typed document. The JSON Schema in `schema.ts` describes the
 * same shape; `test/spec/schema.test.ts` keeps the two in step.
 */

export const TIERS = ['tier1', 'tier2', 'tier3'] as const;
export type Tier = (typeof TIERS)[number];

/** `auto` prefers spot and falls back to on-demand when spot has no capacity or costs more than the cap. */
export const MARKETS = ['auto', 'spot', 'on-demand'] as const;
export type Market = (typeof MARKETS)[number];

/** The containers of the stack whose image a user may override. */
export const SERVICES = ['n8n', 'postgres', 'ollama', 'qdrant', 'crawl4ai', 'proxy'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A fully resolved spec: every field that has a default is present. */
export interface DeploymentSpec {
  /** Deployment name: 1–28 chars, lowercase letters, digits and hyphens, starting with a letter. */
  name: string;
  tier: Tier;
  /** AWS region; when absent, resolved like the AWS CLI (--region, AWS_REGION, profile). */
  region?: string;
  /** Instance types to choose from, in order of preference; when absent gm picks by tier. */
  instanceTypes?: string[];
  market: Market;
  /** Highest hourly price (USD) gm may pay for the instance. */
  maxHourlyPrice?: number;
  /** Monthly budget (USD) for an AWS Budgets alert. */
  budget?: number;
  vpcId?: string;
  subnetIds?: string[];
  securityGroupId?: string;
  efsId?: string;
  keyName?: string;
  /** Opens port 22 to this CIDR; without it there is no SSH port (use SSM). */
  sshCidr?: string;
  /** Who may reach the HTTPS endpoint. */
  allowedCidr: string;
  /** CIDR of the VPC gm creates (ignored when reusing one with vpcId). */
  cidr: string;
  tags: Record<string, string>;
  models: string[];
  images: Partial<Record<ServiceName, string>>;
}

/** What a config file, the environment or flags may contain: any subset of the fields. */
export type DeploymentSpecInput = Partial<DeploymentSpec>;

export type SpecField = keyof DeploymentSpec;

/** Where the value of a field came from, highest precedence first. */
export type SpecSource = 'flag' | 'env' | 'file' | 'default';

export type SpecSources = Partial<Record<SpecField, SpecSource>>;

/** Every field, in the order the schema, the sample and reports list them. */
export const SPEC_FIELDS: readonly SpecField[] = [
  'name',
  'tier',
  'region',
  'instanceTypes',
  'market',
  'maxHourlyPrice',
  'budget',
  'vpcId',
  'subnetIds',
  'securityGroupId',
  'efsId',
  'keyName',
  'sshCidr',
  'allowedCidr',
  'cidr',
  'tags',
  'models',
  'images',
];

/** The defaults, applied after flags, environment and file. */
export const SPEC_DEFAULTS = {
  tier: 'tier1',
  market: 'auto',
  allowedCidr: '0.0.0.0/0',
  cidr: '10.42.0.0/16',
  tags: {},
  models: ['llama3.2:1b'],
  images: {},
} as const satisfies Partial<DeploymentSpec>;

/** The `gm deploy` flag that sets each field (CLI.md). */
export const FIELD_FLAGS: Readonly<Record<SpecField, string>> = {
  name: '--name',
  tier: 'the deploy command (gm deploy tier1|tier2|tier3)',
  region: '--region',
  instanceTypes: '--instance-type',
  market: '--market',
  maxHourlyPrice: '--max-hourly-price',
  budget: '--budget',
  vpcId: '--vpc-id',
  subnetIds: '--subnet-id',
  securityGroupId: '--security-group-id',
  efsId: '--efs-id',
  keyName: '--key-name',
  sshCidr: '--ssh-cidr',
  allowedCidr: '--allowed-cidr',
  cidr: '--cidr',
  tags: '--tag',
  models: '--model',
  images: '--image',
};
