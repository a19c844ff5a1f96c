import { ExitCode, translateAwsError, ConfigError, isCapacityError, isNotFoundName } from '@geusemaker/kit/errors';

function sdkError(name: string, status = 400): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });
}

describe('translateAwsError', () => {
  it.each([
    ['ExpiredToken', 'AWS_CREDENTIALS', ExitCode.credentials],
    ['AccessDenied', 'AWS_PERMISSION_DENIED', ExitCode.credentials],
    ['UnauthorizedOperation', 'AWS_PERMISSION_DENIED', ExitCode.credentials],
    ['InsufficientInstanceCapacity', 'AWS_CAPACITY', ExitCode.capacity],
    ['VcpuLimitExceeded', 'AWS_CAPACITY', ExitCode.capacity],
    ['RequestLimitExceeded', 'AWS_THROTTLED', ExitCode.failed],
    ['DependencyViolation', 'AWS_DEPENDENCY', ExitCode.failed],
    ['InvalidVpcID.NotFound', 'AWS_NOT_FOUND', ExitCode.failed],
  ])('%s → %s (exit %i)', (name, code, exitCode) => {
    const translated = translateAwsError(sdkError(name), 'CreateVpc');
    expect(translated.code).toBe(code);
    expect(translated.exitCode).toBe(exitCode);
    expect(translated.message).toContain(`CreateVpc: ${name}`);
    expect(translated.hint).toBeTruthy();
  });

  it('labels unknown 5xx answers as service errors', () => {
    expect(translateAwsError(sdkError('InternalError', 503)).code).toBe('AWS_SERVICE_ERROR');
  });

  it('passes GmErrors through unchanged', () => {
    const original = new ConfigError({ code: 'CONFIG_INVALID', message: 'bad' });
    expect(translateAwsError(original)).toBe(original);
    expect(original.exitCode).toBe(3);
  });

  it('knows which errors mean "try the next option"', () => {
    expect(isCapacityError(sdkError('InsufficientInstanceCapacity'))).toBe(true);
    expect(isCapacityError(sdkError('AccessDenied'))).toBe(false);
  });
});

describe('isNotFoundName', () => {
  it.each([
    ['InvalidVpcID.NotFound', true],
    ['NoSuchEntity', true],
    ['ParameterNotFound', true],
    ['InvalidResourceId', true],
    ['AccessDenied', false],
    ['InvalidParameterValue', false],
  ])('%s → %s', (name, expected) => expect(isNotFoundName(name)).toBe(expected));
});
