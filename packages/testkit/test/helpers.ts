import { createAwsContext, type AwsContext, type AwsContextOptions } from '@geusemaker/kit/aws';
import { TestkitControl } from '@geusemaker/testkit';

export const control = (): TestkitControl => TestkitControl.fromEnv();

/**
 * A kit AWS context on the emulator, signing with its own access key id: the proxy logs and scopes faults by it, so
 * this test's calls and faults never mix with those of tests running in another worker. The SDK's env credential
 * provider reads the key on the context's first call, so set up one context at a time.
 */
export async function emulatorContext(accessKeyId: string, options: AwsContextOptions = {}): Promise<AwsContext> {
  const endpointUrl = process.env.GM_TEST_ENDPOINT;
  if (endpointUrl === undefined) throw new Error('GM_TEST_ENDPOINT is unset: the testkit global setup did not run');
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  const aws = await createAwsContext({ region: 'us-east-1', endpointUrl, retryBaseDelayMs: 5, ...options });
  await aws.sts.getCallerIdentity(); // resolves (and memoizes) the credentials now, while the key is set
  return aws;
}
