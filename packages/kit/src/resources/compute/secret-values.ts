import { randomBytes } from 'node:crypto';

/**
 * How each stack secret is generated. Values are base64url (letters, digits, `-`, `_`): the secrets parameter holds
 * one `KEY=value` line per secret and UserData writes them into the env file single-quoted, refusing any value with a
 * quote, so the alphabet must hold no quote, whitespace or line break. 24–32 random bytes are 192–256 bits of entropy.
 */
const RANDOM_BYTES: Readonly<Record<string, number>> = {
  'postgres-password': 24,
  'n8n-encryption-key': 32,
  'qdrant-api-key': 32,
  'crawl4ai-api-token': 32,
  'proxy-password': 24,
};

/** The secret whose value is derived (bcrypt) from another one rather than drawn at random. */
export const DERIVED = { id: 'proxy-password-hash', from: 'proxy-password' } as const;

/**
 * bcrypt cost 12: the proxy checks the hash on every authenticated request on a small instance, so the cost trades
 * brute-force resistance (~2^12 rounds, OWASP's minimum is 10) against per-request CPU.
 */
const BCRYPT_COST = 12;

export function randomSecret(id: string): string {
  const bytes = RANDOM_BYTES[id];
  if (bytes === undefined) throw new Error(`no generator for stack secret ${id}`);
  return randomBytes(bytes).toString('base64url');
}

/** A fresh value for every secret, keyed by secret id: the random ones, then the hash of the proxy password. */
export async function freshStackSecrets(): Promise<Record<string, string>> {
  const values: Record<string, string> = Object.fromEntries(Object.keys(RANDOM_BYTES).map((id) => [id, randomSecret(id)]));
  const password = values[DERIVED.from];
  if (password === undefined) throw new Error(`no generator for stack secret ${DERIVED.from}`);
  return { ...values, [DERIVED.id]: await passwordHash(password) };
}

/**
 * The `$2b$12$…` hash Caddy's basic_auth verifies (Go's bcrypt accepts the 2a/2b/2y variants alike). bcryptjs is
 * loaded on first use: every command imports the resource kinds, few of them hash anything.
 */
export async function passwordHash(password: string): Promise<string> {
  const { default: bcrypt } = await import('bcryptjs');
  return bcrypt.hash(password, BCRYPT_COST);
}
