export { ExitCode } from './exit-codes.js';
export {
  GmError,
  UsageError,
  ConfigError,
  CredentialsError,
  CapacityError,
  PartialError,
  LockedError,
  CommandNotFoundError,
  InterruptedError,
  isGmError,
  type GmErrorOptions,
  type ValidationIssue,
} from './gm-error.js';
export { translateAwsError, awsErrorName, isCapacityError, isNotFoundName } from './aws-errors.js';
