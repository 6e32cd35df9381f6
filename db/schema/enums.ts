import { sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** Roles a user can hold. The permission table in lib/auth/permissions.ts is keyed by these. */
export const ROLES = ["admin", "leadership", "lead", "contributor", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** DOMAIN.md "Device class": is it a regulated medical device? Borderline covers e.g. vaccine refrigerators. */
export const REGULATED = ["yes", "no", "borderline"] as const;
export const FDA_CLASSES = ["I", "II", "III"] as const;
export const CONNECTIVITY = ["standalone", "wired", "wireless"] as const;
export const CRITICALITY = ["low", "moderate", "high", "critical"] as const;
export const PARTY_KINDS = ["internal", "external"] as const;

/** SQL CHECK helper: `col IN ('a','b')`. `text({ enum })` alone is type-only. */
export function inList(col: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${col} in (${sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "))})`;
}
