import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveGmHome } from '@geusemaker/kit/state';

/**
 * The on-disk cache of discovery answers: `GM_HOME/cache/discovery/<region>/<what>.json`, one file per listing, each
 * a map of entries (by the request's key: filters, profile, endpoint) with the time they were fetched. Entries live
 * five minutes. A missing, corrupt or foreign file is an empty cache, never an error; writes are atomic (temp file +
 * rename) and owner-only (0600).
 */

export const DISCOVERY_CACHE_TTL_MS = 5 * 60_000;

export type DiscoveryWhat = 'vpcs' | 'subnets' | 'security-groups' | 'key-pairs' | 'efs' | 'load-balancers' | 'cloudfront';

interface CacheEntry<T> {
  readonly fetchedAt: string;
  readonly value: T;
}

interface CacheFile {
  readonly formatVersion: 1;
  readonly entries: Readonly<Record<string, CacheEntry<unknown>>>;
}

/** Region names become directory names: anything but lowercase letters, digits and hyphens means no cache. */
const SAFE_REGION = /^[a-z0-9-]{1,40}$/;

export function discoveryCachePath(env: NodeJS.ProcessEnv, region: string, what: DiscoveryWhat): string | undefined {
  return SAFE_REGION.test(region) ? join(resolveGmHome(env), 'cache', 'discovery', region, `${what}.json`) : undefined;
}

async function readEntries(path: string): Promise<Readonly<Record<string, CacheEntry<unknown>>>> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheFile> | null;
    return parsed?.formatVersion === 1 && typeof parsed.entries === 'object' && parsed.entries !== null ? parsed.entries : {};
  } catch {
    return {};
  }
}

async function writeAtomic(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

const isFresh = (entry: CacheEntry<unknown>, now: Date): boolean => {
  const age = now.getTime() - Date.parse(entry.fetchedAt);
  return age >= 0 && age < DISCOVERY_CACHE_TTL_MS;
};

export interface Cached<T> {
  readonly value: T;
  /** ISO time the value was fetched from AWS. */
  readonly fetchedAt: string;
  readonly fromCache: boolean;
}

export interface CacheRequest {
  /** The cache file; undefined: no cache at all. */
  readonly path: string | undefined;
  /** What distinguishes this request from others in the same file (filters, profile, endpoint). */
  readonly key: string;
  /** --refresh: ignore the cached entry (the fresh answer is still written). */
  readonly refresh: boolean;
  readonly now: () => Date;
}

/** The cached answer when fresh, else `fetch()` and remember it. A cache that cannot be written is only a warning. */
export async function throughCache<T>(request: CacheRequest, fetch: () => Promise<T>, warn: (message: string) => void): Promise<Cached<T>> {
  const entries = request.path === undefined ? {} : await readEntries(request.path);
  const hit = entries[request.key];
  if (!request.refresh && hit !== undefined && isFresh(hit, request.now())) return { value: hit.value as T, fetchedAt: hit.fetchedAt, fromCache: true };
  const value = await fetch();
  const fetchedAt = request.now().toISOString();
  if (request.path !== undefined) {
    const now = request.now();
    const kept = Object.fromEntries(Object.entries(entries).filter(([key, entry]) => key !== request.key && isFresh(entry, now)));
    const file: CacheFile = { formatVersion: 1, entries: { ...kept, [request.key]: { fetchedAt, value } } };
    await writeAtomic(request.path, JSON.stringify(file)).catch((error: unknown) =>
      warn(`Could not write the discovery cache ${request.path ?? ''}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  return { value, fetchedAt, fromCache: false };
}
