import { awsErrorName, ConfigError } from '../errors/index.js';

/** A parsed `s3://bucket/prefix` state URL. The prefix has no leading or trailing slash ('' for the bucket root). */
export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url.trim());
  const bucket = match?.[1];
  if (bucket === undefined || !BUCKET.test(bucket)) {
    const fix = 'Use s3://<bucket>/<prefix>, e.g. s3://my-team-gm-state/prod.';
    throw new ConfigError({ code: 'STATE_URL_INVALID', message: `Invalid state URL ${JSON.stringify(url)}.`, hint: fix, issues: [{ pointer: '/state', message: 'not an s3:// URL with a valid bucket name', fix }] });
  }
  return { bucket, prefix: (match?.[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

export function s3Url(location: S3Location, key = ''): string {
  return `s3://${location.bucket}/${[location.prefix, key].filter(Boolean).join('/')}`;
}

/** The object key of `relative` under the location's prefix. */
export function s3Key(location: S3Location, relative: string): string {
  return location.prefix === '' ? relative : `${location.prefix}/${relative}`;
}

export function isMissing(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'NoSuchKey' || name === 'NotFound';
}

/** A conditional write lost: the object existed (`If-None-Match: *`) or changed (`If-Match`). */
export function isPreconditionFailed(error: unknown): boolean {
  const name = awsErrorName(error);
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict';
}
