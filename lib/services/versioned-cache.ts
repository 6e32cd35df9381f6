import type { Db, DbOrTx } from "@/db/client";
import { dataVersions } from "@/db/schema";

/**
 * Read models cached per database and stamped with the domain counters of `data_versions`, which triggers bump in
 * the same transaction as every write to the domain's tables (migration 0006). A read takes the counters (one small
 * query) and recomputes only when one its value depends on has moved: never a stale figure after a committed change,
 * by this process or another. See docs/decisions/0007-dashboard-cache.md.
 *
 * Only a `Db` (never a transaction) is accepted: a value computed inside a transaction that then rolls back would be
 * stamped with counters that a later write reuses.
 *
 * Cached values are shared between requests: callers must treat them as read-only.
 */
export type Domain = "org" | "raci" | "assessments" | "plans" | "drills" | "inventory" | "advisories" | "patches" | "recalls";
export type Versions = Record<string, number>;
export interface CacheStats {
  hits: number;
  misses: number;
}

const caches = new WeakMap<object, Map<string, { stamp: string; value: unknown }>>();
const MAX_ENTRIES = 1000;

const versionReads = new WeakMap<object, { all(): { domain: string; version: number }[] }>();

/**
 * The counters, by domain. A dashboard view reads them once per cached part (six times), so the statement is prepared
 * once per connection or transaction object rather than built and compiled by drizzle and SQLite on each call.
 */
export function readVersions(db: DbOrTx): Versions {
  let read = versionReads.get(db);
  if (!read) versionReads.set(db, (read = db.select().from(dataVersions).prepare()));
  return Object.fromEntries(read.all().map((r) => [r.domain, r.version]));
}

/** The value cached under `key` if none of `domains` moved since it was computed; otherwise computed and kept. */
export function versionedCache<T>(db: Db, versions: Versions, domains: readonly Domain[], key: string, compute: () => T, stats?: CacheStats): T {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const stamp = domains.map((d) => `${d}:${versions[d] ?? 0}`).join(",");
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) {
    if (stats) stats.hits += 1;
    return hit.value as T;
  }
  if (stats) stats.misses += 1;
  const value = compute();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { stamp, value });
  return value;
}

const memos = new WeakMap<object, Map<string, Map<string, { stamp: string; value: unknown }>>>();

/**
 * Like versionedCache, for results with many possible keys (a list page per filter, search text and page number):
 * each `namespace` keeps its own `maxEntries` most recently used results, so a stream of distinct searches drops only
 * that namespace's oldest pages, never the dashboard's read models. An entry is served only while the counters of
 * `domains` are those it was computed under: fresh after a committed write from any process, as versionedCache.
 */
export function versionedMemo<T>(
  db: Db,
  versions: Versions,
  domains: readonly Domain[],
  namespace: string,
  key: string,
  compute: () => T,
  maxEntries = 256,
): T {
  let spaces = memos.get(db);
  if (!spaces) memos.set(db, (spaces = new Map()));
  let memo = spaces.get(namespace);
  if (!memo) spaces.set(namespace, (memo = new Map()));
  const stamp = domains.map((d) => `${d}:${versions[d] ?? 0}`).join(",");
  const hit = memo.get(key);
  if (hit && hit.stamp === stamp) {
    memo.delete(key);
    memo.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  memo.delete(key);
  if (memo.size >= maxEntries) memo.delete(memo.keys().next().value!);
  memo.set(key, { stamp, value });
  return value;
}
