import { readFileSync } from 'node:fs';
import { azIdsByName, latestSpotPrices, needsAzIdMapping, zonalPlacementScores, type SpotPricePoint } from '@geusemaker/kit/pricing';

const at = (iso: string): Date => new Date(iso);

describe('latestSpotPrices', () => {
  const points: SpotPricePoint[] = [
    { InstanceType: 't3.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.025000', Timestamp: at('2026-09-10T10:00:00Z'), AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az2' },
    { InstanceType: 't3.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.024000', Timestamp: at('2026-09-10T12:00:00Z'), AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az2' },
    { InstanceType: 't3.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.030000', Timestamp: at('2026-09-10T08:00:00Z'), AvailabilityZone: 'us-east-1b' },
    { InstanceType: 't3.large', ProductDescription: 'Windows', SpotPrice: '0.090000', Timestamp: at('2026-09-10T13:00:00Z'), AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az2' },
    { InstanceType: 'm7i.large', ProductDescription: 'Linux/UNIX (Amazon VPC)', SpotPrice: '0.041000', Timestamp: at('2026-09-10T09:00:00Z'), AvailabilityZoneId: 'use1-az4' },
    { InstanceType: 'm7i.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.040000', Timestamp: at('2026-09-10T09:00:00Z'), AvailabilityZoneId: 'use1-az4' },
    { InstanceType: 'm7i.large', ProductDescription: 'Linux/UNIX', SpotPrice: 'n/a', Timestamp: at('2026-09-10T11:00:00Z'), AvailabilityZoneId: 'use1-az4' },
    { InstanceType: 'm7i.large', ProductDescription: 'Linux/UNIX', SpotPrice: '0.050000', AvailabilityZoneId: 'use1-az4' },
  ];

  it('keeps the newest Linux point per type and AZ ID, mapping AZ names to IDs', () => {
    expect(latestSpotPrices(points, { 'us-east-1a': 'use1-az2', 'us-east-1b': 'use1-az6' })).toEqual({
      't3.large': { 'use1-az2': { usd: 0.024, since: '2026-09-10T12:00:00.000Z' }, 'use1-az6': { usd: 0.03, since: '2026-09-10T08:00:00.000Z' } },
      'm7i.large': { 'use1-az4': { usd: 0.04, since: '2026-09-10T09:00:00.000Z' } },
    });
  });

  it('drops points whose AZ cannot be identified', () => {
    expect(Object.keys(latestSpotPrices(points)['t3.large'] ?? {})).toEqual(['use1-az2']);
  });

  it('is independent of the order of the points', () => {
    const map = { 'us-east-1b': 'use1-az6' };
    expect(latestSpotPrices([...points].reverse(), map)).toEqual(latestSpotPrices(points, map));
  });

  it('says when DescribeAvailabilityZones is needed', () => {
    expect(needsAzIdMapping(points)).toBe(true);
    expect(needsAzIdMapping(points.filter((point) => point.AvailabilityZoneId !== undefined))).toBe(false);
    expect(azIdsByName([{ ZoneName: 'us-east-1a', ZoneId: 'use1-az2' }, { ZoneName: 'us-east-1z' }])).toEqual({ 'us-east-1a': 'use1-az2' });
  });
});

describe('zonalPlacementScores', () => {
  const example = JSON.parse(readFileSync(new URL('./fixtures/getspotplacementscores-example.json', import.meta.url), 'utf8')) as {
    responseZonal_SingleAvailabilityZoneTrue: { SpotPlacementScores: { Region: string; AvailabilityZoneId: string; Score: number }[] };
  };

  it('reads the documented zonal answer, dropping an AZ ID that is not the region’s', () => {
    const entries = example.responseZonal_SingleAvailabilityZoneTrue.SpotPlacementScores;
    expect(zonalPlacementScores(entries, 'us-east-1', ['use1-az1', 'use1-az2'])).toEqual({ 'use1-az1': 8 });
    expect(zonalPlacementScores(entries, 'us-east-1')).toEqual({ 'use1-az1': 8, 'usw2-az3': 6 });
  });

  it('keeps the higher of duplicate scores, clamps to 1–10 and ignores other regions', () => {
    const entries = [
      { Region: 'eu-west-1', AvailabilityZoneId: 'euw1-az1', Score: 3 },
      { Region: 'eu-west-1', AvailabilityZoneId: 'euw1-az1', Score: 7 },
      { Region: 'eu-west-1', AvailabilityZoneId: 'euw1-az2', Score: 42 },
      { Region: 'eu-west-1', Score: 9 },
      { Region: 'us-east-1', AvailabilityZoneId: 'use1-az1', Score: 5 },
    ];
    expect(zonalPlacementScores(entries, 'eu-west-1')).toEqual({ 'euw1-az1': 7, 'euw1-az2': 10 });
  });
});
