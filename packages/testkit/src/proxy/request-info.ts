import type { IncomingHttpHeaders } from 'node:http';

/** The wire protocols AWS services speak; errors must be answered in the caller's protocol. */
export type WireProtocol = 'ec2' | 'query' | 'json' | 'rest-json' | 'rest-xml';

/** What the proxy knows about one AWS call. */
export interface AwsCall {
  /** SigV4 signing name from the credential scope: ec2, sts, pricing, ssm, elasticfilesystem, s3 … */
  readonly service: string;
  readonly region: string;
  /** The access key id the request was signed with: tests running in parallel use distinct ones to tell their calls apart. */
  readonly accessKeyId: string;
  /** CreateVpc, GetProducts, … (REST calls without a known name: "METHOD /path"). */
  readonly operation: string;
  readonly protocol: WireProtocol;
  /** Form parameters of query-protocol calls (EC2, IAM, STS, ELBv2); empty otherwise. */
  readonly params: URLSearchParams;
  /** Parsed body of JSON-protocol calls; undefined otherwise. */
  readonly json: unknown;
}

const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;
const REST_XML_SERVICES = new Set(['s3', 'cloudfront', 'route53']);

/** REST operations gm uses, named so faults can target them (others are logged as "METHOD /path"). */
const REST_OPERATIONS: ReadonlyArray<readonly [service: string, method: string, path: RegExp, operation: string]> = [
  ['elasticfilesystem', 'POST', /^\/2015-02-01\/file-systems$/, 'CreateFileSystem'],
  ['elasticfilesystem', 'GET', /^\/2015-02-01\/file-systems$/, 'DescribeFileSystems'],
  ['elasticfilesystem', 'DELETE', /^\/2015-02-01\/file-systems\/[^/]+$/, 'DeleteFileSystem'],
  ['elasticfilesystem', 'POST', /^\/2015-02-01\/mount-targets$/, 'CreateMountTarget'],
  ['elasticfilesystem', 'GET', /^\/2015-02-01\/mount-targets$/, 'DescribeMountTargets'],
  ['elasticfilesystem', 'DELETE', /^\/2015-02-01\/mount-targets\/[^/]+$/, 'DeleteMountTarget'],
  ['cloudfront', 'POST', /^\/2020-05-31\/distribution$/, 'CreateDistribution'],
  ['cloudfront', 'GET', /^\/2020-05-31\/distribution\/[^/]+$/, 'GetDistribution'],
  ['cloudfront', 'DELETE', /^\/2020-05-31\/distribution\/[^/]+$/, 'DeleteDistribution'],
  ['s3', 'GET', /^\/[^/]+\/?\?(.*&)?list-type=2/, 'ListObjectsV2'],
  ['s3', 'PUT', /^\/[^/]+\/?$/, 'CreateBucket'],
  ['s3', 'GET', /^\/[^/]+\/.+/, 'GetObject'],
  ['s3', 'PUT', /^\/[^/]+\/.+/, 'PutObject'],
  ['s3', 'HEAD', /^\/[^/]+\/.+/, 'HeadObject'],
  ['s3', 'DELETE', /^\/[^/]+\/.+/, 'DeleteObject'],
];

interface SigningScope {
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
}

function signingScope(headers: IncomingHttpHeaders, url: URL): SigningScope {
  const credential = headers.authorization ?? url.searchParams.get('X-Amz-Credential') ?? '';
  const match = CREDENTIAL_SCOPE.exec(credential.startsWith('AWS4') ? credential : `Credential=${credential}`);
  return { accessKeyId: match?.[1] ?? 'unknown', region: match?.[2] ?? 'unknown', service: match?.[3] ?? 'unknown' };
}

function restOperation(service: string, method: string, url: URL): string {
  const target = `${url.pathname}${url.search}`;
  const known = REST_OPERATIONS.find(([s, m, path]) => s === service && m === method && path.test(target));
  return known?.[3] ?? `${method} ${url.pathname}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Identifies service (SigV4 scope), operation (Action=, X-Amz-Target, or method+path) and protocol of a request. */
export function describeCall(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: Buffer): AwsCall {
  const url = new URL(rawUrl, 'http://proxy.invalid');
  const scope = signingScope(headers, url);
  const { service } = scope;
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const operation = target.slice(target.lastIndexOf('.') + 1);
    return { ...scope, operation, protocol: 'json', params: new URLSearchParams(), json: parseJson(body) };
  }
  const contentType = headers['content-type'] ?? '';
  const form = contentType.includes('x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : url.searchParams;
  const action = form.get('Action');
  if (action !== null) {
    return { ...scope, operation: action, protocol: service === 'ec2' ? 'ec2' : 'query', params: form, json: undefined };
  }
  const protocol: WireProtocol = REST_XML_SERVICES.has(service) ? 'rest-xml' : 'rest-json';
  return { ...scope, operation: restOperation(service, method, url), protocol, params: new URLSearchParams(), json: undefined };
}
