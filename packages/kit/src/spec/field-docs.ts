import type { SpecField } from './types.js';

/**
 * One description per field, shared by the JSON Schema (`description`, shown by editors), the commented sample and
 * the `fix` text of validation issues, so the three never drift apart.
 */
export interface FieldDoc {
  /** One or two sentences: what the field means. */
  readonly description: string;
  /** A valid example value, written the way it appears in YAML after `field: `. */
  readonly example: string;
  /** The environment variable that sets it, if any. */
  readonly env?: string;
}

export const FIELD_DOCS: Readonly<Record<SpecField, FieldDoc>> = {
  name: {
    description:
      'Deployment name: 1-28 characters, lowercase letters, digits and hyphens, starting with a letter (short enough for ALB and IAM names with suffixes).',
    example: 'my-ai-stack',
    env: 'GM_NAME',
  },
  tier: {
    description: 'tier1 = one instance (dev); tier2 = tier1 behind an HTTPS load balancer; tier3 = tier2 on a GPU instance with CloudFront.',
    example: 'tier1',
    env: 'GM_TIER',
  },
  region: {
    description: 'AWS region to deploy into. When absent, gm resolves it like the AWS CLI (--region, AWS_REGION, your profile).',
    example: 'us-east-1',
    env: 'GM_REGION',
  },
  instanceTypes: {
    description: 'EC2 instance types gm may use, in order of preference. When absent, gm picks suitable types for the tier.',
    example: '[t3.large, t3a.large]',
    env: 'GM_INSTANCE_TYPE (comma-separated)',
  },
  market: {
    description: 'auto = spot, falling back to on-demand when spot has no capacity; spot = spot only; on-demand = never spot.',
    example: 'auto',
    env: 'GM_MARKET, or GM_SPOT=true|false',
  },
  maxHourlyPrice: {
    description: 'The most gm may pay per instance-hour, in USD; types that cost more are skipped.',
    example: '0.1',
    env: 'GM_MAX_HOURLY_PRICE',
  },
  budget: {
    description: 'Monthly budget in USD; gm creates an AWS Budgets alert for the deployment.',
    example: '50',
    env: 'GM_BUDGET',
  },
  vpcId: {
    description: 'Reuse this VPC instead of creating one (gm never deletes reused resources).',
    example: 'vpc-0123456789abcdef0',
    env: 'GM_VPC_ID',
  },
  subnetIds: {
    description: 'Reuse these subnets (tier2 and tier3 need two, in different Availability Zones).',
    example: '[subnet-0123456789abcdef0, subnet-0fedcba9876543210]',
    env: 'GM_SUBNET_IDS (comma-separated)',
  },
  securityGroupId: {
    description: 'Reuse this security group instead of creating one.',
    example: 'sg-0123456789abcdef0',
    env: 'GM_SECURITY_GROUP_ID',
  },
  efsId: {
    description: 'Reuse this EFS file system for persistent data instead of creating one.',
    example: 'fs-0123456789abcdef0',
    env: 'GM_EFS_ID',
  },
  keyName: {
    description: 'EC2 key pair for SSH. Access normally goes through SSM; SSH also needs sshCidr.',
    example: 'my-key',
    env: 'GM_KEY_NAME',
  },
  sshCidr: {
    description: 'Open SSH (port 22) to this IPv4 CIDR. Without it the instance has no SSH port.',
    example: '203.0.113.7/32',
    env: 'GM_SSH_CIDR',
  },
  allowedCidr: {
    description: 'IPv4 CIDR allowed to reach the HTTPS endpoint.',
    example: '0.0.0.0/0',
    env: 'GM_ALLOWED_CIDR',
  },
  cidr: {
    description: 'IPv4 CIDR of the VPC gm creates, /16 to /28 (ignored when vpcId is given).',
    example: '10.42.0.0/16',
    env: 'GM_CIDR',
  },
  tags: {
    description:
      "Extra tags for every resource gm creates (at most 44; keys up to 128 characters, values up to 256; keys may not start with 'gm:' or 'aws:').",
    example: '{ owner: alice, project: ai-stack }',
  },
  models: {
    description: 'Ollama models pulled at boot, as name or name:tag.',
    example: '[llama3.2:1b]',
  },
  images: {
    description:
      'Container image overrides per service (n8n, postgres, ollama, qdrant, crawl4ai, proxy). Each must name an explicit version tag or digest, never :latest.',
    example: '{ n8n: n8nio/n8n:1.2.3 }',
  },
};
