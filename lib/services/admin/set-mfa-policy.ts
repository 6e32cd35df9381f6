import { writeTx, type Db } from "@/db/client";
import { settings } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { MFA_SETTING_KEY } from "@/lib/rules/mfa";
import { appendAudit } from "../audit/append-audit";
import { mfaRequiredForSigners } from "../auth/mfa-status";
import { clock } from "@/lib/clock";

/** Admin setting: MFA required for admins and for everyone who signs (leadership, party leads). Audited. */
export function setMfaPolicy(db: Db, actor: Actor, input: { required: boolean }, now = clock.now()) {
  assertCan(actor, "settings.manage");
  writeTx(db, (tx) => {
    const before = mfaRequiredForSigners(tx);
    if (before === input.required) return;
    const value = JSON.stringify(input.required);
    tx.insert(settings)
      .values({ key: MFA_SETTING_KEY, value, updatedAt: now.toISOString() })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now.toISOString() } })
      .run();
    appendAudit(tx, {
      actor,
      action: "SETTING_CHANGED",
      entityType: "setting",
      entityId: MFA_SETTING_KEY,
      oldValues: { value: before },
      newValues: { value: input.required },
      at: now,
    });
  });
  return input.required;
}
