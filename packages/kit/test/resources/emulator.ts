import { randomUUID } from 'node:crypto';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import type { DeploymentIdentity, ResourceContext } from '@geusemaker/kit/resources';

/**
 * Helpers for resource-kind tests against the testkit emulator (started by Jest's global setup). Kit does not depend
 * on testkit, so the proxy's control API is spoken directly over HTTP here.
 */
function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is unset: the testkit global setup did not run`);
  return value;
}

/**
 * A kit AWS context signing with its own access key id: the proxy logs and scopes faults by it, so parallel test files
 * never mix. The SDK reads the key from the environment on the first call, so resolve it now, one context at a time.
 */
export async function emulatorAws(accessKeyId: string): Promise<AwsContext> {
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  const aws = await createAwsContext({ endpointUrl: required('GM_TEST_ENDPOINT'), region: 'us-east-1', retryBaseDelayMs: 5 });
  await aws.sts.getCallerIdentity();
  return aws;
}

/** A fresh deployment identity per test file (a new deployment id), with user tags. */
export function testIdentity(name: string): DeploymentIdentity {
  return { name, deploymentId: randomUUID(), tier: 'tier1', userTags: { team: 'ml-platform', 'cost-center': '42' } };
}

export interface RecordingContext extends ResourceContext {
  readonly warnings: string[];
}

/** gm's real poll bounds (1–2 s): moto answers `available` at once, so waits return on the first check. */
export function resourceContext(aws: AwsContext, identity: DeploymentIdentity): RecordingContext {
  const warnings: string[] = [];
  return {
    aws,
    identity,
    wait: { minDelaySeconds: 1, maxDelaySeconds: 2, maxWaitSeconds: 30 },
    progress: () => undefined,
    warn: (message) => void warnings.push(message),
    warnings,
  };
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${required('GM_TEST_CONTROL_URL').replace(/\/$/, '')}/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`testkit control ${method} ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The EC2 operations (CreateVpc, …) the proxy saw signed with this key, in order. */
export async function ec2Operations(accessKeyId: string): Promise<string[]> {
  const calls = await control<{ operation: string }[]>('GET', `calls?service=ec2&accessKeyId=${encodeURIComponent(accessKeyId)}`);
  return calls.map((call) => call.operation);
}

export async function injectEc2Fault(accessKeyId: string, operation: string, errorCode: string, count = 1): Promise<void> {
  await control('POST', 'faults', { service: 'ec2', accessKeyId, operation, errorCode, count });
}

export async function clearFaults(accessKeyId: string): Promise<void> {
  await control('DELETE', `faults?accessKeyId=${encodeURIComponent(accessKeyId)}`);
}
