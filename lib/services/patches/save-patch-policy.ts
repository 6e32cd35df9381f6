import { writeTx, type Db } from "@/db/client";
import { settings } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { policyProblems } from "@/lib/rules/patch-state";
import type { SavePatchPolicyInput } from "@/lib/validation/patches";
import { clock } from "@/lib/clock";
import { appendAudit } from "../audit/append-audit";
import { getPatchPolicy, PATCH_POLICY_SETTING } from "./patch-policy";

/**
 * Sets the days to apply an OEM-validated patch by rule (known exploited, critical, high, other). Admins only;
 * audited with old and new values. Due dates follow at once: they are derived, never stored.
 */
export function savePatchPolicy(db: Db, actor: Actor, input: SavePatchPolicyInput, now = clock.now()): void {
  assertCan(actor, "patch.policy");
  const problems = policyProblems(input);
  if (problems.length) throw invalid(problems[0]!);
  writeTx(db, (tx) => {
    const before = getPatchPolicy(tx);
    const value = JSON.stringify({ kevDays: input.kevDays, criticalDays: input.criticalDays, highDays: input.highDays, otherDays: input.otherDays });
    tx.insert(settings)
      .values({ key: PATCH_POLICY_SETTING, value, updatedAt: now.toISOString() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now.toISOString() } })
      .run();
    appendAudit(tx, {
      actor,
      action: "PATCH_POLICY_SAVED",
      entityType: "setting",
      entityId: PATCH_POLICY_SETTING,
      oldValues: before,
      newValues: input,
      at: now,
    });
  });
}
