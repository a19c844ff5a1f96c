import { fileURLToPath } from 'node:url';
import type { AwsContext, S3Api } from '../aws/index.js';
import { ConfigError } from '../errors/index.js';
import { LocalStateStore } from './local-store.js';
import { resolveGmHome } from './paths.js';
import { parseS3Url } from './s3-location.js';
import { S3StateStore } from './s3-store.js';
import type { StateStore } from './types.js';

/**
 * The S3 client of the state backend, built on first use: the SDK is loaded only when the S3 backend is really
 * used. It honours AWS_PROFILE, AWS_REGION (GM_STATE_REGION wins: the bucket's region can differ from the
 * deployment's) and AWS_ENDPOINT_URL like every other gm AWS call.
 */
function lazyS3(env: NodeJS.ProcessEnv): () => Promise<S3Api> {
  let context: Promise<AwsContext> | undefined;
  return async () => {
    context ??= import('../aws/index.js').then(({ createAwsContext }) => createAwsContext({ region: env.GM_STATE_REGION?.trim() || undefined, profile: env.AWS_PROFILE }));
    return (await context).s3;
  };
}

/**
 * The state store for a backend URL: `s3://bucket/prefix` (S3StateStore), `local` or empty (LocalStateStore under
 * GM_HOME), or `file:///abs/dir` / an absolute path (LocalStateStore there). Anything else is a ConfigError (exit 3).
 */
export function stateStoreFor(url: string | undefined, env: NodeJS.ProcessEnv = process.env, s3?: () => Promise<S3Api>): StateStore {
  const value = url?.trim() ?? '';
  if (value === '' || value === 'local') return new LocalStateStore(resolveGmHome(env));
  if (value.startsWith('s3://')) return new S3StateStore(parseS3Url(value), s3 ?? lazyS3(env));
  if (value.startsWith('file://')) return new LocalStateStore(fileURLToPath(value));
  if (value.startsWith('/')) return new LocalStateStore(value);
  const fix = 'Use s3://<bucket>/<prefix>, local (GM_HOME), or an absolute directory.';
  throw new ConfigError({ code: 'STATE_URL_INVALID', message: `Unknown state backend ${JSON.stringify(value)}.`, hint: fix, issues: [{ pointer: '/state', message: 'unknown backend', fix }] });
}

/**
 * The one place commands get their state store: `--state` (which sets GM_STATE for the run), else GM_STATE, else
 * the local store under GM_HOME (CLI.md: flag > environment > default).
 */
export function openStateStore(env: NodeJS.ProcessEnv = process.env): StateStore {
  return stateStoreFor(env.GM_STATE, env);
}
