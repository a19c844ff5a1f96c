import type { AwsContext } from '@geusemaker/kit/aws';
import { discover, isGmManaged, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';

/** One row of `gm discover key-pairs`. */
export interface KeyPairRow {
  readonly keyName: string;
  readonly keyPairId: string | null;
  /** rsa or ed25519. */
  readonly type: string | null;
  readonly fingerprint: string | null;
  /** ISO time, when EC2 reports it. */
  readonly created: string | null;
  readonly gmManaged: boolean;
}

export interface KeyPairsResult extends DiscoveryMeta {
  readonly keyPairs: readonly KeyPairRow[];
}

async function fetchKeyPairs(aws: AwsContext): Promise<KeyPairRow[]> {
  const keys = await aws.ec2.describeKeyPairs();
  return keys
    .map((key): KeyPairRow => ({
      keyName: key.KeyName ?? '',
      keyPairId: key.KeyPairId ?? null,
      type: key.KeyType ?? null,
      fingerprint: key.KeyFingerprint ?? null,
      created: key.CreateTime === undefined ? null : new Date(key.CreateTime).toISOString(),
      gmManaged: isGmManaged(key.Tags),
    }))
    .sort((a, b) => a.keyName.localeCompare(b.keyName));
}

/** `gm discover key-pairs` (key pairs belong to the region, not a VPC). */
export async function discoverKeyPairs(options: DiscoveryRequest): Promise<KeyPairsResult> {
  const { value, ...meta } = await discover(options, 'key-pairs', {}, fetchKeyPairs);
  return { ...meta, keyPairs: value };
}
