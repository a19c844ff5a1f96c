import { FaultBook } from '@geusemaker/testkit';
import { describeCall } from '../src/proxy/request-info.js';
import { errorReply } from '../src/proxy/wire-errors.js';

const createVpc = { service: 'ec2', operation: 'CreateVpc', accessKeyId: 'AKIDA' };

test('count: a fault fires on exactly `count` matching calls, then is gone', () => {
  const book = new FaultBook();
  book.add({ service: 'ec2', operation: 'CreateVpc', errorCode: 'RequestLimitExceeded', count: 2 });
  const codes = [1, 2, 3].map(() => book.decide(createVpc).error?.code ?? 'passed');
  expect(codes).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded', 'passed']);
  expect(book.list()).toHaveLength(0);
});

test('matching: service, operation ("*" = any) and access key id all narrow a fault', () => {
  const book = new FaultBook();
  book.add({ service: 'ssm', operation: '*', errorCode: 'ThrottlingException' });
  book.add({ operation: 'CreateVpc', errorCode: 'VpcLimitExceeded', accessKeyId: 'AKIDB' });
  expect(book.decide(createVpc).error).toBeUndefined();
  expect(book.decide({ ...createVpc, accessKeyId: 'AKIDB' }).error?.code).toBe('VpcLimitExceeded');
  expect(book.decide({ service: 'ssm', operation: 'GetParameter' }).error?.code).toBe('ThrottlingException');
  book.clear('AKIDB');
  expect(book.list().map((rule) => rule.errorCode)).toEqual(['ThrottlingException']);
});

test('probability: a seeded 30 % fault fires on about 30 % of calls, the same ones on every run', () => {
  const firing = () => {
    const book = new FaultBook();
    book.add({ operation: 'CreateVpc', errorCode: 'InternalError', probability: 0.3, seed: 42 });
    return Array.from({ length: 1000 }, () => book.decide(createVpc).error !== undefined);
  };
  const first = firing();
  const rate = first.filter(Boolean).length / first.length;
  expect(rate).toBeGreaterThan(0.25);
  expect(rate).toBeLessThan(0.35);
  expect(firing()).toEqual(first);
});

test('latency adds up across rules; the first error wins; status defaults follow AWS', () => {
  const book = new FaultBook();
  book.add({ operation: '*', latencyMs: 100 });
  book.add({ operation: 'CreateVpc', latencyMs: 50, errorCode: 'InsufficientInstanceCapacity' });
  book.add({ operation: 'CreateVpc', errorCode: 'DependencyViolation' });
  const decision = book.decide(createVpc);
  expect(decision.latencyMs).toBe(150);
  expect(decision.error).toMatchObject({ code: 'InsufficientInstanceCapacity', status: 500 });
  expect(decision.ruleIds).toHaveLength(3);
});

test('invalid faults are refused with the reason', () => {
  const book = new FaultBook();
  expect(() => book.add({ operation: 'CreateVpc' })).toThrow('a fault needs errorCode, latencyMs, hold or drop');
  expect(() => book.add({ operation: 'CreateVpc', errorCode: 'X', probability: 2 })).toThrow('probability');
  expect(() => book.add({ operation: '', errorCode: 'X' })).toThrow('operation');
});

test('errors go out in each protocol’s wire format', () => {
  const throttle = { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: 503 };
  const ec2 = errorReply('ec2', 'ec2', throttle);
  expect(ec2.status).toBe(503);
  expect(String(ec2.body)).toMatch(/<Response><Errors><Error><Code>RequestLimitExceeded<\/Code><Message>Request limit exceeded\.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
  const json = errorReply('json', 'ssm', { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 });
  expect(JSON.parse(String(json.body))).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
  expect(json.headers['content-type']).toBe('application/x-amz-json-1.1');
  const query = errorReply('query', 'iam', { code: 'Throttling', message: 'Rate exceeded', status: 400 });
  expect(String(query.body)).toContain('<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>');
  const s3 = errorReply('rest-xml', 's3', { code: 'SlowDown', message: 'Reduce your request rate.', status: 503 });
  expect(String(s3.body)).toContain('<Error><Code>SlowDown</Code>');
});

test('calls are identified by SigV4 scope and Action / X-Amz-Target / REST route', () => {
  const auth = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKIDX/20250101/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=0` });
  const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  expect(describeCall('POST', '/', { ...auth('ec2'), ...form }, Buffer.from('Action=CreateVpc&Version=2016-11-15'))).toMatchObject({
    service: 'ec2', region: 'eu-west-1', accessKeyId: 'AKIDX', operation: 'CreateVpc', protocol: 'ec2',
  });
  expect(describeCall('POST', '/', { ...auth('iam'), ...form }, Buffer.from('Action=CreateRole'))).toMatchObject({ operation: 'CreateRole', protocol: 'query' });
  const target = { 'x-amz-target': 'AWSPriceListService.GetProducts', 'content-type': 'application/x-amz-json-1.1' };
  expect(describeCall('POST', '/', { ...auth('pricing'), ...target }, Buffer.from('{"ServiceCode":"AmazonEC2"}'))).toMatchObject({
    service: 'pricing', operation: 'GetProducts', protocol: 'json', json: { ServiceCode: 'AmazonEC2' },
  });
  expect(describeCall('DELETE', '/2015-02-01/file-systems/fs-1', auth('elasticfilesystem'), Buffer.alloc(0))).toMatchObject({
    operation: 'DeleteFileSystem', protocol: 'rest-json',
  });
  expect(describeCall('GET', '/bucket/state/x.json', auth('s3'), Buffer.alloc(0))).toMatchObject({ operation: 'GetObject', protocol: 'rest-xml' });
});
