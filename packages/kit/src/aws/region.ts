import { ConfigError } from '../errors/index.js';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The `region` of a profile in ~/.aws/config (AWS_CONFIG_FILE), read with the SDK's own ini loader. */
async function regionFromSharedConfig(profile: string | undefined): Promise<string | undefined> {
  // Loaded only when the environment names no region, so the common CI path never reads the ini files.
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const files = await loadSharedConfigFiles();
  const name = profile ?? nonEmpty(process.env.AWS_PROFILE) ?? 'default';
  return nonEmpty(files.configFile[name]?.region);
}

/**
 * The region, resolved like the AWS CLI: explicit option (--region) > AWS_REGION > AWS_DEFAULT_REGION > the profile's
 * `region` in the shared config file. (The JS SDK alone ignores AWS_DEFAULT_REGION, which CLI users rely on.)
 */
export async function resolveRegion(explicit: string | undefined, profile: string | undefined): Promise<string> {
  const region =
    nonEmpty(explicit) ??
    nonEmpty(process.env.AWS_REGION) ??
    nonEmpty(process.env.AWS_DEFAULT_REGION) ??
    (await regionFromSharedConfig(profile));
  if (region === undefined) {
    throw new ConfigError({
      code: 'AWS_REGION_MISSING',
      message: 'No AWS region is set.',
      hint: 'Pass --region, set AWS_REGION, or set `region` for your profile in ~/.aws/config (`aws configure`).',
    });
  }
  if (!REGION_PATTERN.test(region)) {
    throw new ConfigError({
      code: 'AWS_REGION_INVALID',
      message: `"${region}" is not an AWS region code.`,
      hint: 'Use a region code such as us-east-1 or eu-west-1.',
    });
  }
  return region;
}
