import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsContext } from '@geusemaker/kit/aws';
import { GmError } from '@geusemaker/kit/errors';
import { livePriceBook, onDemandHourly, placementScore, priceBookFromSnapshot, PRICE_CACHE_TTL_MS, spotHourly } from '@geusemaker/kit/pricing';

const example = JSON.parse(readFileSync(new URL('./fixtures/getproducts-ec2-example.json', import.meta.url), 'utf8')) as { response: { PriceList: string[] } };
const t3LargeDocument = (example.response.PriceList[0] ?? '').replaceAll('t3.micro', 't3.large').replace('"USD":"0.0104000000"', '"USD":"0.0900000000"');

interface Calls {
  getProducts: number;
  spot: number;
  scores: number;
  zones: number;
}

/** An AwsContext with just the calls live prices make, answering like AWS (or failing as told). */
function fakeAws(fail: Partial<Record<keyof Calls, unknown>> = {}): { aws: AwsContext; calls: Calls } {
  const calls: Calls = { getProducts: 0, spot: 0, scores: 0, zones: 0 };
  const answer = <T>(name: keyof Calls, value: T): Promise<T> => {
    calls[name] += 1;
    return fail[name] === undefined ? Promise.resolve(value) : fail[name] === 'hang' ? new Promise<T>(() => undefined) : Promise.reject(fail[name]);
  };
  const timestamp = new Date('2026-09-10T12:00:00Z');
  const ec2 = {
    describeSpotPriceHistory: () =>
      answer('spot', [
        { InstanceType: 't3.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.0301', Timestamp: timestamp, AvailabilityZone: 'us-east-1a' },
        { InstanceType: 't3.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.0282', Timestamp: timestamp, AvailabilityZone: 'us-east-1b', AvailabilityZoneId: 'use1-az4' },
      ]),
    describeAvailabilityZones: () => answer('zones', { AvailabilityZones: [{ ZoneName: 'us-east-1a', ZoneId: 'use1-az1' }], $metadata: {} }),
    getSpotPlacementScores: () => answer('scores', [{ Region: 'us-east-1', AvailabilityZoneId: 'use1-az4', Score: 9 }]),
  };
  const aws = {
    region: 'us-east-1',
    pricing: { getProducts: () => answer('getProducts', [t3LargeDocument]) },
    ec2,
    inRegion: () => aws,
    destroy: () => undefined,
  } as unknown as AwsContext;
  return { aws, calls };
}

const NOW = new Date('2026-09-12T08:00:00Z');
const request = (cacheDir?: string, now = NOW) => ({ regions: ['us-east-1'], instanceTypes: ['t3.large'], now, ...(cacheDir === undefined ? {} : { cacheDir }) });

describe('livePriceBook', () => {
  it('labels every live figure api with today’s date and maps AZ names to IDs', async () => {
    const { aws, calls } = fakeAws();
    const { book, warnings } = await livePriceBook(aws, request());
    expect(warnings).toEqual([]);
    expect(onDemandHourly(book, 'us-east-1', 't3.large')).toMatchObject({ usd: 0.09, source: 'api', asOf: '2026-09-12' });
    expect(spotHourly(book, 'us-east-1', 't3.large', 'use1-az1')).toMatchObject({ usd: 0.0301, source: 'api', asOf: '2026-09-12' });
    expect(spotHourly(book, 'us-east-1', 't3.large', 'use1-az4')?.usd).toBe(0.0282);
    expect(Object.keys(book.regions['us-east-1']?.instanceTypes['t3.large']?.spotHourlyByAzId ?? {})).toEqual(['use1-az1', 'use1-az4']);
    expect(placementScore(book, 'us-east-1', 'use1-az4')).toEqual({ score: 9, source: 'api', asOf: '2026-09-12' });
    // Untouched figures keep their snapshot labels.
    expect(onDemandHourly(book, 'us-east-1', 'm7i.large')?.source).toBe('snapshot');
    expect(calls).toEqual({ getProducts: 1, spot: 1, scores: 1, zones: 1 });
  });

  it('answers from the disk cache within the TTLs, relabelled cache with the original date', async () => {
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'gm-live-')), 'cache', 'prices');
    await livePriceBook(fakeAws().aws, request(cacheDir));
    expect(readdirSync(cacheDir).sort()).toEqual(['on-demand-us-east-1.json', 'scores-us-east-1.json', 'spot-us-east-1.json']);
    expect(statSync(join(cacheDir, 'spot-us-east-1.json')).mode & 0o777).toBe(0o600);
    const later = new Date(NOW.getTime() + PRICE_CACHE_TTL_MS.spot - 1000);
    const { aws, calls } = fakeAws();
    const { book } = await livePriceBook(aws, request(cacheDir, new Date(later)));
    expect(calls).toEqual({ getProducts: 0, spot: 0, scores: 0, zones: 0 });
    expect(onDemandHourly(book, 'us-east-1', 't3.large')).toMatchObject({ usd: 0.09, source: 'cache', asOf: '2026-09-12' });
    expect(spotHourly(book, 'us-east-1', 't3.large', 'use1-az4')?.source).toBe('cache');
    expect(placementScore(book, 'us-east-1', 'use1-az4')?.source).toBe('cache');
  });

  it('refetches spot and scores after 10 minutes but keeps on-demand for 3 days', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'gm-live-'));
    await livePriceBook(fakeAws().aws, request(cacheDir));
    const { aws, calls } = fakeAws();
    const { book } = await livePriceBook(aws, request(cacheDir, new Date(NOW.getTime() + PRICE_CACHE_TTL_MS.spot + 1000)));
    expect(calls).toEqual({ getProducts: 0, spot: 1, scores: 1, zones: 1 });
    expect(onDemandHourly(book, 'us-east-1', 't3.large')?.source).toBe('cache');
    const afterThreeDays = fakeAws();
    await livePriceBook(afterThreeDays.aws, request(cacheDir, new Date(NOW.getTime() + PRICE_CACHE_TTL_MS['on-demand'] + 1000)));
    expect(afterThreeDays.calls.getProducts).toBe(1);
  });

  it('falls back per figure with a warning naming what was denied, never throwing', async () => {
    const denied = new GmError({ code: 'AWS_PERMISSION_DENIED', message: 'Pricing GetProducts: AccessDeniedException', cause: { name: 'AccessDeniedException' } });
    const { aws } = fakeAws({ getProducts: denied, scores: new Error('Deserialization error: <html>') });
    const { book, warnings } = await livePriceBook(aws, request());
    const snapshot = priceBookFromSnapshot();
    expect(onDemandHourly(book, 'us-east-1', 't3.large')).toEqual(onDemandHourly(snapshot, 'us-east-1', 't3.large'));
    expect(spotHourly(book, 'us-east-1', 't3.large', 'use1-az4')?.source).toBe('api');
    expect(placementScore(book, 'us-east-1', 'use1-az4')).toBeUndefined();
    expect(warnings).toEqual([
      "Price List GetProducts was denied (AccessDeniedException) in us-east-1: on-demand prices are not live; gm's bundled price snapshot is used instead.",
      'EC2 GetSpotPlacementScores failed (Deserialization error: <html>) in us-east-1: spot placement scores are not live; no placement scores are shown.',
    ]);
  });

  it('gives up on a call that never answers after the deadline', async () => {
    const { aws } = fakeAws({ spot: 'hang' });
    const started = Date.now();
    const { book, warnings } = await livePriceBook(aws, { ...request(), deadlineMs: 50 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warnings).toEqual([expect.stringMatching(/^EC2 DescribeSpotPriceHistory did not answer \(no answer within 0\.05 s\) in us-east-1/)]);
    expect(spotHourly(book, 'us-east-1', 't3.large', 'use1-az4')?.source).toBe('snapshot');
  });
});
