import { UsageError } from '../errors/index.js';
import type { Tier } from '../spec/types.js';
import { HOURS_PER_MONTH } from './money.js';

/**
 * The usage an estimate assumes for everything that is not billed per instance-hour. Every component of an estimate
 * repeats the assumption it used, so a user can see what to change (each is overridable).
 */
export interface UsageAssumptions {
  /** gp3 root volume size. */
  readonly rootVolumeGiB: number;
  /** Data stored on EFS (n8n, Postgres, Qdrant, Ollama models…). */
  readonly efsGiB: number;
  /** Public IPv4 addresses billed (in use or idle, $0.005/h each since 2024-02-01). */
  readonly publicIpv4Count: number;
  /** Data served straight from the instance or ALB to the internet, per month. */
  readonly dataTransferOutGB: number;
  /** Average ALB load-balancer capacity units (tier2+). */
  readonly albLcu: number;
  /** Data CloudFront serves to viewers, per month (tier3). */
  readonly cloudFrontGB: number;
  /** HTTPS requests CloudFront serves, per month (tier3). */
  readonly cloudFrontRequests: number;
  /** Hours in a month; AWS and gm use 730. Must be a whole number (see money.ts). */
  readonly hoursPerMonth: number;
}

/**
 * Defaults per tier, and why:
 * - root volume: 30 GiB holds Amazon Linux (~2 GiB) plus the stack's images (Crawl4AI ships a browser) with room
 *   for logs and one image update; tier3's Deep Learning AMI has a much larger root snapshot (CUDA, drivers), so
 *   100 GiB.
 * - EFS: 10 GiB — a fresh stack with a small model or two; data grows with use.
 * - public IPv4: tier1's instance has one (its Elastic IP). tier2/3 add an internet-facing ALB in two AZs, which
 *   holds one public IPv4 per AZ, and the instance keeps one for outbound traffic (there is no NAT gateway): 3.
 * - data transfer out: 10 GB/month for tier1/2; tier3 serves viewers through CloudFront, and origin fetches from
 *   an AWS origin to CloudFront are free, so 0 (CloudFront's own transfer is the cloudfront component).
 * - ALB: 1 LCU on average — a team's workflow traffic stays well under one LCU's 25 new connections/s.
 * - CloudFront: 50 GB and 1 million HTTPS requests per month. The always-free allowance (1 TB, 10 M requests) is
 *   not subtracted, like every other free tier.
 */
export function defaultAssumptions(tier: Tier): UsageAssumptions {
  const behindAlb = tier !== 'tier1';
  return {
    rootVolumeGiB: tier === 'tier3' ? 100 : 30,
    efsGiB: 10,
    publicIpv4Count: behindAlb ? 3 : 1,
    dataTransferOutGB: tier === 'tier3' ? 0 : 10,
    albLcu: behindAlb ? 1 : 0,
    cloudFrontGB: tier === 'tier3' ? 50 : 0,
    cloudFrontRequests: tier === 'tier3' ? 1_000_000 : 0,
    hoursPerMonth: HOURS_PER_MONTH,
  };
}

/** Defaults overlaid with the caller's values, each checked: amounts ≥ 0, hoursPerMonth a positive whole number. */
export function resolveAssumptions(tier: Tier, overrides: Partial<UsageAssumptions> = {}): UsageAssumptions {
  const resolved: { -readonly [Name in keyof UsageAssumptions]: number } = { ...defaultAssumptions(tier) };
  for (const name of Object.keys(resolved) as (keyof UsageAssumptions)[]) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw new UsageError({ code: 'ESTIMATE_ASSUMPTION_INVALID', message: `${name} must be a number ≥ 0, got ${value}.` });
    }
    resolved[name] = value;
  }
  if (!Number.isInteger(resolved.hoursPerMonth) || resolved.hoursPerMonth === 0) {
    throw new UsageError({
      code: 'ESTIMATE_ASSUMPTION_INVALID',
      message: `hoursPerMonth must be a positive whole number, got ${resolved.hoursPerMonth}.`,
      hint: 'AWS bills a month as 730 hours.',
    });
  }
  return resolved;
}
