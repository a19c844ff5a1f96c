import { createBudgetsApi, type BudgetsApi } from './budgets.js';
import { defaultRetryStrategy, withoutCapacityRetries, withoutLostAnswerRetries } from './capacity-retry.js';
import { baseClientConfig, PINNED_REGION, s3NeedsPathStyle, type ClientSettings } from './client-config.js';
import { createCloudFrontApi, type CloudFrontApi } from './cloudfront.js';
import { createCloudWatchApi, type CloudWatchApi } from './cloudwatch.js';
import { createCostExplorerApi, type CostExplorerApi } from './cost-explorer.js';
import { lazyNodeCredentials } from './credentials.js';
import { createEc2HealthApi, type Ec2HealthApi } from './ec2-health.js';
import { createEc2InstancesApi, type Ec2InstancesApi } from './ec2-instances.js';
import { createEc2Api, type Ec2Api } from './ec2.js';
import { createEfsApi, type EfsApi } from './efs.js';
import { createElbv2Api, type Elbv2Api } from './elbv2.js';
import { createIamApi, type IamApi } from './iam.js';
import { lazyClient } from './lazy-client.js';
import { createPricingApi, type PricingApi } from './pricing.js';
import { resolveRegion } from './region.js';
import type { RetryMode } from './retry.js';
import { createS3Api, type S3Api } from './s3.js';
import { createServiceQuotasApi, type ServiceQuotasApi } from './service-quotas.js';
import { createSsmApi, type SsmApi } from './ssm.js';
import { createStsApi, type StsApi } from './sts.js';

export interface AwsContextOptions {
  /** --region; else AWS_REGION, AWS_DEFAULT_REGION, then the profile's config. */
  region?: string;
  /** --profile; else AWS_PROFILE, else `default` (the SDK's credential chain decides). */
  profile?: string;
  /** --endpoint-url for every service. Unset: the SDK honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. */
  endpointUrl?: string;
  /** Attempts per call including the first (SDK retry strategy). Default 5. */
  maxAttempts?: number;
  /** Default 'standard'. 'adaptive' also rate-limits the client after throttles. */
  retryMode?: RetryMode;
  /**
   * Base of the SDK's exponential backoff, throttles included. Unset in real use (SDK defaults: 50 ms, 1 s for
   * throttles); tests that inject throttles set a few ms.
   */
  retryBaseDelayMs?: number;
}

/** Everything gm needs to talk to AWS in one region. Clients are built on first use. */
export interface AwsContext {
  readonly region: string;
  readonly profile: string | undefined;
  readonly endpointUrl: string | undefined;
  readonly sts: StsApi;
  readonly ec2: Ec2Api;
  /** EC2 instances, images and address association (the same EC2 client as `ec2`). */
  readonly ec2Instances: Ec2InstancesApi;
  /** Instance types and status checks, read-only (preflight, validation; the same EC2 client as `ec2`). */
  readonly ec2Health: Ec2HealthApi;
  readonly efs: EfsApi;
  /** IAM is global; its client is built with the context's region (the SDK resolves the global endpoint). */
  readonly iam: IamApi;
  /** Pinned to us-east-1, where the Price List API lives. */
  readonly pricing: PricingApi;
  /** Pinned to us-east-1, where Cost Explorer lives. */
  readonly costExplorer: CostExplorerApi;
  /** AWS Budgets has one endpoint: pinned to us-east-1. */
  readonly budgets: BudgetsApi;
  readonly ssm: SsmApi;
  /** Applied quotas (preflight). */
  readonly serviceQuotas: ServiceQuotasApi;
  /** Instance metrics (gm status, gm monitor). */
  readonly cloudwatch: CloudWatchApi;
  readonly s3: S3Api;
  /** Elastic Load Balancing v2 (ALB, NLB, GWLB). */
  readonly elbv2: Elbv2Api;
  /** CloudFront is global: pinned to us-east-1. */
  readonly cloudfront: CloudFrontApi;
  /** The same credentials and retry settings in another region (e.g. spot prices across regions). Each call builds
   *  its own clients: keep the result while you use it, and destroy() it after. */
  inRegion(region: string): AwsContext;
  /** Closes the sockets of every client built so far, so a CLI run can exit at once. */
  destroy(): void;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** One lazy client per service: its SDK module is imported, and the client built, on the first call to it. */
function clientHandles(settings: ClientSettings) {
  const sts = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-sts');
    return { sdk, client: new sdk.STSClient(await baseClientConfig(settings)) };
  });
  const ec2 = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-ec2');
    return { sdk, client: new sdk.EC2Client(await ec2ClientConfig(settings)) };
  });
  // Creates without an idempotency token (and RunInstances, whose ClientToken the emulator ignores) go through a
  // second client that does not retry a lost answer: the engine looks for the resource by tag instead.
  const ec2Create = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-ec2');
    const config = await ec2ClientConfig(settings);
    return { sdk, client: new sdk.EC2Client({ ...config, retryStrategy: withoutLostAnswerRetries(config.retryStrategy) }) };
  });
  const efs = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-efs');
    return { sdk, client: new sdk.EFSClient(await baseClientConfig(settings)) };
  });
  const iam = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-iam');
    return { sdk, client: new sdk.IAMClient(await baseClientConfig(settings)) };
  });
  // One attempt only: preflight's permission simulation is advisory, and a failure has its own fallback.
  const iamOnce = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-iam');
    return { sdk, client: new sdk.IAMClient(await baseClientConfig({ ...settings, maxAttempts: 1 })) };
  });
  const pricing = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-pricing');
    return { sdk, client: new sdk.PricingClient(await baseClientConfig(settings, PINNED_REGION.pricing)) };
  });
  const costExplorer = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-cost-explorer');
    return { sdk, client: new sdk.CostExplorerClient(await baseClientConfig(settings, PINNED_REGION.costExplorer)) };
  });
  const budgets = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-budgets');
    return { sdk, client: new sdk.BudgetsClient(await baseClientConfig(settings, PINNED_REGION.budgets)) };
  });
  const cloudwatch = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-cloudwatch');
    return { sdk, client: new sdk.CloudWatchClient(await baseClientConfig(settings)) };
  });
  const serviceQuotas = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-service-quotas');
    return { sdk, client: new sdk.ServiceQuotasClient(await baseClientConfig(settings)) };
  });
  const ssm = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-ssm');
    return { sdk, client: new sdk.SSMClient(await baseClientConfig(settings)) };
  });
  const s3 = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-s3');
    const config = { ...(await baseClientConfig(settings)), forcePathStyle: s3NeedsPathStyle(settings) };
    return { sdk, client: new sdk.S3Client(config) };
  });
  const elbv2 = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-elastic-load-balancing-v2');
    return { sdk, client: new sdk.ElasticLoadBalancingV2Client(await baseClientConfig(settings)) };
  });
  const cloudfront = lazyClient(async () => {
    const sdk = await import('@aws-sdk/client-cloudfront');
    return { sdk, client: new sdk.CloudFrontClient(await baseClientConfig(settings, PINNED_REGION.cloudfront)) };
  });
  return { sts, ec2, ec2Create, efs, iam, iamOnce, pricing, costExplorer, budgets, ssm, serviceQuotas, cloudwatch, s3, elbv2, cloudfront };
}

/** EC2's capacity errors are HTTP 500s: the SDK must not retry them, gm falls back to the next placement instead. */
async function ec2ClientConfig(settings: ClientSettings) {
  const config = await baseClientConfig(settings);
  const inner = config.retryStrategy ?? (await defaultRetryStrategy(settings.retryMode, settings.maxAttempts));
  return { ...config, retryStrategy: withoutCapacityRetries(inner) };
}

function contextFromSettings(settings: ClientSettings, profile: string | undefined): AwsContext {
  const handles = clientHandles(settings);
  return {
    region: settings.region,
    profile,
    endpointUrl: settings.endpointUrl,
    sts: createStsApi(handles.sts),
    ec2: createEc2Api(handles.ec2, handles.ec2Create),
    ec2Instances: createEc2InstancesApi(handles.ec2, handles.ec2Create),
    ec2Health: createEc2HealthApi(handles.ec2),
    efs: createEfsApi(handles.efs),
    iam: createIamApi(handles.iam, handles.iamOnce),
    pricing: createPricingApi(handles.pricing),
    costExplorer: createCostExplorerApi(handles.costExplorer),
    budgets: createBudgetsApi(handles.budgets),
    ssm: createSsmApi(handles.ssm),
    serviceQuotas: createServiceQuotasApi(handles.serviceQuotas),
    cloudwatch: createCloudWatchApi(handles.cloudwatch),
    s3: createS3Api(handles.s3),
    elbv2: createElbv2Api(handles.elbv2),
    cloudfront: createCloudFrontApi(handles.cloudfront),
    inRegion: (region) => contextFromSettings({ ...settings, region }, profile),
    destroy: () => Object.values(handles).forEach((handle) => handle.destroy()),
  };
}

/**
 * The one AWS client factory (DESIGN §3): region and credentials resolved like the AWS CLI, explicit retry mode with
 * bounded attempts, user agent `geusemaker/<version>`. Throws a ConfigError when no region can be found.
 */
export async function createAwsContext(options: AwsContextOptions = {}): Promise<AwsContext> {
  const profile = options.profile;
  const settings: ClientSettings = {
    region: await resolveRegion(options.region, profile),
    credentials: lazyNodeCredentials(profile),
    endpointUrl: options.endpointUrl,
    maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    retryMode: options.retryMode ?? 'standard',
    retryBaseDelayMs: options.retryBaseDelayMs,
  };
  return contextFromSettings(settings, profile);
}
