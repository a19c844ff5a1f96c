import { ExitCode } from './exit-codes.js';
import { GmError } from './gm-error.js';

/**
 * Translates errors thrown by the AWS SDK (matched by `name`/`code`, never by importing SDK classes, so this table
 * loads without the SDK) into GmErrors with an exit code and a next step.
 *
 * Throttling is listed so that a throttle that survives the SDK's own bounded retries is reported clearly: the SDK
 * client factory retries it first (standard/adaptive retry mode).
 */
interface Rule {
  readonly names: readonly string[];
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint: string;
}

const CREDENTIAL_NAMES = [
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'TokenRefreshRequired',
];

const PERMISSION_NAMES = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'Forbidden'];

const CAPACITY_NAMES = [
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'InsufficientHostCapacity',
  'InsufficientReservedInstanceCapacity',
  'SpotMaxPriceTooLow',
  'MaxSpotInstanceCountExceeded',
  'VcpuLimitExceeded',
  'InstanceLimitExceeded',
  'AddressLimitExceeded',
  'VpcLimitExceeded',
  'ServiceQuotaExceededException',
  'LimitExceededException',
  'LimitExceeded',
  'FileSystemLimitExceeded',
];

const THROTTLE_NAMES = ['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'SlowDown'];

const DEPENDENCY_NAMES = ['DependencyViolation', 'FileSystemInUse', 'DeleteConflict', 'ResourceInUse', 'ResourceInUseException'];

const NETWORK_NAMES = ['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout'];

const RULES: readonly Rule[] = [
  {
    names: CREDENTIAL_NAMES,
    code: 'AWS_CREDENTIALS',
    exitCode: ExitCode.credentials,
    hint: 'Check your AWS credentials: run `aws sts get-caller-identity` (or `aws sso login --profile <p>`), or pass --profile.',
  },
  {
    names: PERMISSION_NAMES,
    code: 'AWS_PERMISSION_DENIED',
    exitCode: ExitCode.credentials,
    hint: 'Your AWS identity lacks a permission gm needs. Grant the action named above, or use a profile that has it.',
  },
  {
    names: CAPACITY_NAMES,
    code: 'AWS_CAPACITY',
    exitCode: ExitCode.capacity,
    hint: 'Try another instance type (--instance-type), region (--region) or market (--market on-demand), or request a quota increase in Service Quotas.',
  },
  {
    names: THROTTLE_NAMES,
    code: 'AWS_THROTTLED',
    exitCode: ExitCode.failed,
    hint: 'AWS kept throttling gm after several retries. Wait a minute and run the command again.',
  },
  {
    names: DEPENDENCY_NAMES,
    code: 'AWS_DEPENDENCY',
    exitCode: ExitCode.failed,
    hint: 'Another resource still depends on this one. Run the command again in a minute; if it persists, `gm inspect <name>` shows what remains.',
  },
  {
    names: NETWORK_NAMES,
    code: 'AWS_UNREACHABLE',
    exitCode: ExitCode.failed,
    hint: 'Could not reach the AWS endpoint. Check your network, proxy settings and --endpoint-url.',
  },
];

function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // kit/aws wraps SDK errors in GmErrors (cause = the SDK error): the AWS name lives on the cause, not on `code`.
  if (error instanceof GmError) return errorName(error.cause);
  const record = error as { name?: unknown; code?: unknown; Code?: unknown };
  for (const candidate of [record.code, record.Code, record.name]) {
    if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
  }
  return undefined;
}

function httpStatus(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

/** The AWS error name of an SDK error (`InsufficientInstanceCapacity`, `InvalidVpcID.NotFound`, …), if any. */
export function awsErrorName(error: unknown): string | undefined {
  return errorName(error);
}

export function isNotFoundName(name: string): boolean {
  // SSM answers InvalidResourceId for a parameter that no longer exists (e.g. deleted between a list and a lookup).
  return /NotFound|NoSuch|NotExist/i.test(name) || name === 'InvalidResourceId';
}

/** True when the error is one of the capacity/quota errors that a deploy answers by trying the next option. */
export function isCapacityError(error: unknown): boolean {
  const name = errorName(error);
  return name !== undefined && CAPACITY_NAMES.includes(name);
}

/** Translate anything the AWS SDK threw into a GmError. Already-translated errors pass through unchanged. */
export function translateAwsError(error: unknown, action?: string): GmError {
  if (error instanceof GmError) return error;
  const name = errorName(error) ?? 'UnknownError';
  const original = error instanceof Error ? error.message : String(error);
  const prefix = action === undefined ? '' : `${action}: `;
  const rule = RULES.find((candidate) => candidate.names.includes(name));
  if (rule !== undefined) {
    return new GmError({ code: rule.code, message: `${prefix}${name}: ${original}`, hint: rule.hint, exitCode: rule.exitCode, cause: error });
  }
  if (isNotFoundName(name)) {
    return new GmError({
      code: 'AWS_NOT_FOUND',
      message: `${prefix}${name}: ${original}`,
      hint: 'The resource does not exist (or is in another region/account). Check the id and --region.',
      cause: error,
    });
  }
  const status = httpStatus(error);
  const code = status !== undefined && status >= 500 ? 'AWS_SERVICE_ERROR' : 'AWS_ERROR';
  return new GmError({
    code,
    message: `${prefix}${name}: ${original}`,
    hint: status !== undefined && status >= 500 ? 'AWS answered with a server error; try again shortly.' : 'Run again with --verbose for details.',
    cause: error,
  });
}
