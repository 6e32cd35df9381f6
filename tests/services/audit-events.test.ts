import { describe, expect, test } from "vitest";
import { appendAudit, type AuditInput } from "@/lib/services/audit/append-audit";
import { AUDIT_EVENTS } from "@/lib/services/audit/audit-events";
import { auditLog } from "@/db/schema";
import { demoDb } from "../test-db";

describe("audit event names (issue #11 item 5)", () => {
  test("are unique UPPER_SNAKE names", () => {
    expect(new Set(AUDIT_EVENTS).size).toBe(AUDIT_EVENTS.length);
    for (const name of AUDIT_EVENTS) expect(name).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
  });

  test("a name outside the list does not compile, and the demo seed writes only listed names", async () => {
    // @ts-expect-error — a misspelt event type is a compile error (tsc --noEmit checks the tests too).
    const typo: AuditInput = { actor: null, action: "DEVICE_CLAS_CREATED", entityType: "device_class", entityId: 1 };
    expect(typo.action).not.toBe("DEVICE_CLASS_CREATED");
    const { db } = await demoDb();
    db.transaction((tx) => appendAudit(tx, { actor: null, action: "SETTING_CHANGED", entityType: "setting", entityId: "x" }), { behavior: "immediate" });
    const written = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((r) => r.action);
    expect(written.length).toBeGreaterThan(1);
    const known: readonly string[] = AUDIT_EVENTS;
    expect(written.filter((a) => !known.includes(a))).toEqual([]);
  });
});
