/**
 * @geusemaker/kit/aws — the only module that imports the AWS SDK. Everything else uses these narrow interfaces (and
 * the SDK types re-exported here), so loading this entry point imports no SDK code: each client loads on first use.
 */
export { createAwsContext, DEFAULT_MAX_ATTEMPTS, type AwsContext, type AwsContextOptions } from './context.js';
export { resolveRegion } from './region.js';
export type { RetryMode } from './retry.js';
export type { CredentialProvider } from './credentials.js';
export type * from './budgets.js';
export type * from './cloudfront.js';
export type * from './cloudwatch.js';
export type * from './cost-explorer.js';
export type * from './ec2.js';
export type * from './ec2-instances.js';
export type * from './ec2-health.js';
export type * from './efs.js';
export type * from './elbv2.js';
export type * from './iam.js';
export type * from './pricing.js';
export type * from './s3.js';
export type * from './service-quotas.js';
export type * from './ssm.js';
export type * from './sts.js';
