import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { settings } from "@/db/schema";
import { DEFAULT_PATCH_POLICY, type PatchPolicy } from "@/lib/rules/patch-priority";
import { policyProblems } from "@/lib/rules/patch-state";
import { readVersions, versionedCache, type Versions } from "../versioned-cache";

export const PATCH_POLICY_SETTING = "patch.policy";

/** The admin-set days to apply an OEM-validated patch; the defaults until an admin saves a policy. */
export function getPatchPolicy(db: DbOrTx): PatchPolicy {
  const row = db.select().from(settings).where(eq(settings.key, PATCH_POLICY_SETTING)).get();
  if (!row) return DEFAULT_PATCH_POLICY;
  const p = { ...DEFAULT_PATCH_POLICY, ...(JSON.parse(row.value) as Partial<PatchPolicy>) };
  // A stored value that no longer passes the rule (edited by hand) falls back to the defaults rather than breaking the queue.
  return policyProblems(p).length ? DEFAULT_PATCH_POLICY : p;
}

/** The same, cached under the `org` counter (settings bump it, migration 0006): for the pages, outside transactions. */
export function cachedPatchPolicy(db: Db, versions: Versions = readVersions(db)): PatchPolicy {
  return versionedCache(db, versions, ["org"], "patch-policy", () => getPatchPolicy(db));
}
