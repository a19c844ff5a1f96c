import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** packages/testkit/fixtures/, from src/data/ and from dist/data/ alike. Only checked-in files are read at run time. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The AMI list handed to moto through MOTO_AMIS_PATH. */
export const AMIS_FIXTURE_PATH = `${FIXTURES_DIR}amis.json`;

/** One instance type in one region: the on-demand Linux price and one spot price per AZ id (use1-az1 …). */
export interface CatalogInstanceType {
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly gpus: number;
  readonly accelerator: string | null;
  readonly onDemand: number;
  readonly spot: Readonly<Record<string, number>>;
}

export interface Ec2Catalog {
  readonly source: string;
  readonly generatedFrom: string;
  /** region -> AZ id -> AZ name, as moto names them. */
  readonly azNames: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** region -> [location as the Price List API spells it, usagetype prefix]. */
  readonly priceListRegions: Readonly<Record<string, readonly [location: string, prefix: string]>>;
  /** region -> instance type -> prices. */
  readonly regions: Readonly<Record<string, Readonly<Record<string, CatalogInstanceType>>>>;
}

/** A Price List product other than an EC2 instance (EBS, EFS, ALB, IPv4, CloudFront, data transfer, NAT). */
export interface PricingProductFixture {
  readonly serviceCode: string;
  readonly productFamily: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly unit: string;
  /** USD per unit, 10 decimals, as the API writes it. */
  readonly usd: string;
  readonly description: string;
  readonly citation: string;
}

const cache = new Map<string, unknown>();

function readFixture<T>(name: string): T {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(`${FIXTURES_DIR}${name}`, 'utf8')));
  return cache.get(name) as T;
}

export function ec2Catalog(): Ec2Catalog {
  return readFixture<Ec2Catalog>('ec2-catalog.json');
}

export function pricingProductFixtures(): readonly PricingProductFixture[] {
  return readFixture<{ products: PricingProductFixture[] }>('pricing-products.json').products;
}
