import { randomUUID } from 'node:crypto';
import type { WireProtocol } from './request-info.js';

/** An AWS error to answer with, before it is put in a protocol's wire format. */
export interface AwsErrorReply {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

// EC2 answers RequestLimitExceeded with 503 and capacity errors with 500 ("server errors" in the EC2 API reference),
// so the SDK retries them as AWS makes it; S3's SlowDown is a 503 too. Everything else is a client error (400).
const SERVER_ERROR = /^(InternalError|InternalFailure|InternalServerError|InternalServerException|Insufficient\w*Capacity)$/;
const UNAVAILABLE = /^(ServiceUnavailable|ServiceUnavailableException|Unavailable|RequestLimitExceeded|SlowDown)$/;

export function defaultStatusFor(code: string): number {
  if (SERVER_ERROR.test(code)) return 500;
  if (UNAVAILABLE.test(code)) return 503;
  return 400;
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmlBody(protocol: WireProtocol, error: AwsErrorReply, requestId: string): string {
  const code = xmlEscape(error.code);
  const message = xmlEscape(error.message);
  if (protocol === 'ec2') {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  }
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const inner = `<Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse>${inner}</ErrorResponse>`;
}

/**
 * An error exactly as the service would send it, so the SDK parses the code and classifies it (throttling, transient,
 * client) the way it does against AWS: EC2 `<Response><Errors>…`, query `<ErrorResponse>`, JSON `__type`, REST-JSON
 * `x-amzn-ErrorType`, S3 `<Error>`.
 */
export function errorReply(protocol: WireProtocol, service: string, error: AwsErrorReply): HttpReply {
  const requestId = randomUUID();
  const ids = { 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId };
  if (protocol === 'json' || protocol === 'rest-json') {
    const body = JSON.stringify({ __type: error.code, message: error.message });
    const contentType = protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
    return { status: error.status, headers: { ...ids, 'content-type': contentType, 'x-amzn-errortype': error.code }, body };
  }
  if (protocol === 'rest-xml' && service === 's3') {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message><RequestId>${requestId}</RequestId></Error>`;
    return { status: error.status, headers: { ...ids, 'content-type': 'application/xml' }, body };
  }
  return { status: error.status, headers: { ...ids, 'content-type': 'text/xml' }, body: xmlBody(protocol, error, requestId) };
}
