import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePrivateFileAtomic } from '../state/fs-private.js';
import { resolveGmHome } from '../state/paths.js';

/**
 * The on-disk cache of live prices, under `GM_HOME/cache/prices/`: one JSON file per kind and region
 * (`on-demand-us-east-1.json`, `spot-us-east-1.json`, `scores-us-east-1.json`), each a map of entries with the time
 * they were fetched. Entries expire by kind (on-demand prices change rarely, spot prices often). A missing, corrupt
 * or foreign-format file is an empty cache, never an error; writes are atomic (temp file + rename).
 */

export type PriceCacheKind = 'on-demand' | 'spot' | 'scores';

/** How long a cached entry is used: on-demand 3 days, spot prices and placement scores 10 minutes. */
export const PRICE_CACHE_TTL_MS: Readonly<Record<PriceCacheKind, number>> = {
  'on-demand': 3 * 24 * 60 * 60_000,
  spot: 10 * 60_000,
  scores: 10 * 60_000,
};

export interface CacheEntry<T> {
  /** ISO time the value was fetched from the API. */
  readonly fetchedAt: string;
  readonly value: T;
}

interface CacheFile<T> {
  readonly formatVersion: 1;
  readonly entries: Readonly<Record<string, CacheEntry<T>>>;
}

/** Where live prices are cached for this user: `GM_HOME/cache/prices` (shared by `gm cost …` and `gm deploy`). */
export function priceCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolveGmHome(env), 'cache', 'prices');
}

/** Region names become file names: anything but lowercase letters, digits and hyphens is refused (no cache). */
const SAFE_REGION = /^[a-z0-9-]{1,40}$/;

export function priceCachePath(dir: string, kind: PriceCacheKind, region: string): string | undefined {
  return SAFE_REGION.test(region) ? join(dir, `${kind}-${region}.json`) : undefined;
}

async function readEntries<T>(path: string): Promise<Readonly<Record<string, CacheEntry<T>>>> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheFile<T>> | null;
    return parsed?.formatVersion === 1 && typeof parsed.entries === 'object' && parsed.entries !== null ? parsed.entries : {};
  } catch {
    return {};
  }
}

export interface CacheLookup<T> {
  /** Entries younger than the kind's TTL, by key. */
  readonly fresh: Readonly<Record<string, CacheEntry<T>>>;
  /** Keys with no fresh entry: fetch these. */
  readonly missing: readonly string[];
}

/** Which of `keys` the cache answers (fresh entries) and which must be fetched. */
export async function lookUpCache<T>(dir: string | undefined, kind: PriceCacheKind, region: string, keys: readonly string[], now: Date): Promise<CacheLookup<T>> {
  const path = dir === undefined ? undefined : priceCachePath(dir, kind, region);
  if (path === undefined) return { fresh: {}, missing: [...keys] };
  const entries = await readEntries<T>(path);
  const fresh: Record<string, CacheEntry<T>> = {};
  const missing: string[] = [];
  for (const key of keys) {
    const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
    const age = entry === undefined ? Number.NaN : now.getTime() - Date.parse(entry.fetchedAt);
    // A fetch time in the future (clock moved back) is not trusted either.
    if (entry !== undefined && age >= 0 && age < PRICE_CACHE_TTL_MS[kind]) fresh[key] = entry;
    else missing.push(key);
  }
  return { fresh, missing };
}

/** Adds entries (fetched at `now`) to the kind's file for the region, dropping expired ones. Best effort. */
export async function storeInCache<T>(dir: string | undefined, kind: PriceCacheKind, region: string, values: Readonly<Record<string, T>>, now: Date): Promise<void> {
  const path = dir === undefined ? undefined : priceCachePath(dir, kind, region);
  if (path === undefined || Object.keys(values).length === 0) return;
  try {
    await mkdir(dir as string, { recursive: true, mode: 0o700 });
    const kept = Object.entries(await readEntries<T>(path)).filter(([, entry]) => now.getTime() - Date.parse(entry.fetchedAt) < PRICE_CACHE_TTL_MS[kind]);
    const fetchedAt = now.toISOString();
    const added = Object.entries(values).map(([key, value]) => [key, { fetchedAt, value }] as const);
    const file: CacheFile<T> = { formatVersion: 1, entries: Object.fromEntries([...kept, ...added]) };
    await writePrivateFileAtomic(path, `${JSON.stringify(file)}\n`);
  } catch {
    // A read-only or full GM_HOME costs the next run a fetch, nothing more.
  }
}
