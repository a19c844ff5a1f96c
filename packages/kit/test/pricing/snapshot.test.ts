import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cheapestSpotHourly,
  cloudFrontEdgeZoneFor,
  cloudFrontPrices,
  instanceShape,
  offeredAzIds,
  offeringsFromPriceBook,
  onDemandHourly,
  parseSnapshot,
  placementScore,
  priceBookFromSnapshot,
  readBundledSnapshot,
  servicePrices,
  spotHourly,
} from '@geusemaker/kit/pricing';

const kitDir = fileURLToPath(new URL('../..', import.meta.url));
const snapshotFile = join(kitDir, 'data/price-snapshot.json');
const sharedPricingDir = join(kitDir, '../../../shared/pricing');
const book = priceBookFromSnapshot();

describe('bundled price snapshot', () => {
  it.each([
    ['t3.medium', 0.0416],
    ['m7i.large', 0.1008],
    ['g4dn.xlarge', 0.526],
    ['g5.xlarge', 1.006],
  ])('on-demand %s in us-east-1 is %p $/h, labelled snapshot 2026-09', (type, usd) => {
    expect(onDemandHourly(book, 'us-east-1', type)).toEqual({
      usd,
      source: 'snapshot',
      asOf: '2026-09',
      citation: 'github:skypilot-org/skypilot-catalog/catalogs/v7/aws/vms.csv@001367d22a0033fac286a8c71aeac7109e431bcb',
    });
  });

  it('agrees with the AWS offer-file values the README cross-checks', () => {
    expect(onDemandHourly(book, 'eu-west-1', 't3.micro')?.usd).toBe(0.0114);
    expect(onDemandHourly(book, 'us-west-2', 'g4dn.xlarge')?.usd).toBe(0.526);
    expect(onDemandHourly(book, 'eu-west-1', 'g5.2xlarge')?.usd).toBe(1.35296);
    expect(onDemandHourly(book, 'us-west-2', 'g6.xlarge')?.usd).toBe(0.8048);
  });

  it('keeps spot prices per AZ ID, with an assumed date', () => {
    expect(spotHourly(book, 'us-east-1', 't3.medium', 'use1-az2')).toMatchObject({ usd: 0.0168, source: 'snapshot', asOf: '2026-09', asOfAssumed: true });
    expect(cheapestSpotHourly(book, 'us-east-1', 't3.medium')).toMatchObject({ azId: 'use1-az2', price: { usd: 0.0168 } });
    expect(spotHourly(book, 'us-east-1', 't3.medium', 'us-east-1a')).toBeUndefined();
  });

  it('derives shapes and architecture (Graviton families are arm64)', () => {
    expect(instanceShape(book, 'us-east-1', 't3.medium')).toEqual({ vCPUs: 2, memoryGiB: 4, gpuCount: 0, gpuName: null, architecture: 'x86_64' });
    expect(instanceShape(book, 'us-east-1', 't4g.medium')?.architecture).toBe('arm64');
    expect(instanceShape(book, 'eu-west-1', 'm7g.large')?.architecture).toBe('arm64');
    expect(instanceShape(book, 'us-east-1', 'g4dn.xlarge')).toEqual({ vCPUs: 4, memoryGiB: 16, gpuCount: 1, gpuName: 'T4', architecture: 'x86_64' });
  });

  it('keeps the catalog gaps as gaps', () => {
    expect(onDemandHourly(book, 'ap-southeast-1', 'g5.xlarge')).toBeUndefined();
    expect(onDemandHourly(book, 'eu-west-1', 'g6.xlarge')).toBeUndefined();
    const offerings = offeringsFromPriceBook(book, ['ap-northeast-1', 'us-west-2']);
    expect(offeredAzIds(offerings, 'ap-northeast-1', 't3a.medium')).not.toContain('apne1-az1');
    // An empty SpotPrice row: offered in the AZ, but no spot price there.
    expect(offeredAzIds(offerings, 'us-west-2', 'm6i.large')).toContain('usw2-az4');
    expect(spotHourly(book, 'us-west-2', 'm6i.large', 'usw2-az4')).toBeUndefined();
  });

  it('labels other prices with their own date, and never borrows another region\'s price', () => {
    expect(servicePrices(book, 'us-east-1').ebsGp3GbMonth).toMatchObject({ usd: 0.08, source: 'snapshot', asOf: '2026-09', asOfAssumed: true });
    expect(servicePrices(book, 'us-east-1').ebsGp3GbMonth?.estimatedFrom).toBeUndefined();
    // The reference has no us-east-2 gp3 row: unknown, not us-east-1's 0.08 (../shared/pricing/README.md).
    expect(servicePrices(book, 'us-east-2').ebsGp3GbMonth).toBeUndefined();
    expect(servicePrices(book, 'eu-west-1').efsStandardGbMonth).toBeUndefined();
    expect(servicePrices(book, 'ap-northeast-1').ebsGp3GbMonth).toMatchObject({ usd: 0.096, asOf: '2026-09-13' });
    expect(servicePrices(book, 'ap-northeast-1').ebsGp3GbMonth?.asOfAssumed).toBeUndefined();
    expect(servicePrices(book, 'eu-central-1').ebsGp3GbMonth).toMatchObject({ usd: 0.0952, asOf: '2023-11-02' });
    expect(servicePrices(book, 'ap-northeast-1').efsStandardGbMonth).toMatchObject({ usd: 0.36, asOf: '2026-09-17' });
    expect(servicePrices(book, 'eu-west-1').albHour).toMatchObject({ usd: 0.0252 });
    expect(servicePrices(book, 'eu-west-1').albLcuHour).toBeUndefined();
    expect(servicePrices(book, 'ap-southeast-1').dataTransferOutGb).toMatchObject({ usd: 0.12 });
    expect(servicePrices(book, 'no-such-region')).toEqual({});
  });

  it('prices CloudFront by edge zone, borrowing North America for zones it lacks', () => {
    expect(cloudFrontEdgeZoneFor('eu-central-1')).toBe('europe');
    expect(cloudFrontEdgeZoneFor('ap-northeast-1')).toBe('japan');
    expect(cloudFrontEdgeZoneFor('ap-southeast-1')).toBe('asia-pacific');
    expect(cloudFrontEdgeZoneFor('us-west-2')).toBe('north-america');
    expect(cloudFrontPrices(book, 'ap-southeast-1').prices.transferOutGb).toMatchObject({ usd: 0.12 });
    expect(cloudFrontPrices(book, 'eu-west-1').prices.httpsRequestsPer10k).toMatchObject({ usd: 0.012 });
    expect(cloudFrontPrices(book, 'sa-east-1')).toMatchObject({
      edgeZone: 'south-america',
      prices: { transferOutGb: { usd: 0.085, estimatedFrom: 'edge:north-america' } },
    });
  });

  it('has no placement scores and resolves no Object.prototype names', () => {
    expect(placementScore(book, 'us-east-1', 'use1-az1', 't3.medium')).toBeUndefined();
    expect(onDemandHourly(book, 'us-east-1', 'constructor')).toBeUndefined();
    expect(onDemandHourly(book, 'toString', 't3.medium')).toBeUndefined();
  });

  it('is small, covers 104 types in 7 regions, and records its sources and dates', () => {
    expect(statSync(snapshotFile).size).toBeLessThan(500 * 1024);
    const snapshot = readBundledSnapshot();
    expect(Object.keys(snapshot.ec2.instanceTypes)).toHaveLength(104);
    expect(Object.keys(snapshot.ec2.regions).sort()).toEqual(['ap-northeast-1', 'ap-southeast-1', 'eu-central-1', 'eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2']);
    expect(snapshot.ec2.source).toContain('@001367d22a0033fac286a8c71aeac7109e431bcb');
    expect(snapshot.snapshotDate).toBe('2026-09');
    expect(() => parseSnapshot('{"formatVersion":2}')).toThrow(/formatVersion 1/);
  });

  // Guards against a hand-edited snapshot: only runs where the reference prices are checked out beside the repo.
  (existsSync(sharedPricingDir) ? it : it.skip)('is exactly what scripts/build-price-snapshot.mjs builds from ../shared/pricing', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'gm-snapshot-'));
    try {
      const outFile = join(outDir, 'snapshot.json');
      execFileSync(process.execPath, [join(kitDir, 'scripts/build-price-snapshot.mjs'), sharedPricingDir, '--out', outFile]);
      expect(readFileSync(outFile, 'utf8')).toBe(readFileSync(snapshotFile, 'utf8'));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
