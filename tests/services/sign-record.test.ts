import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { signRecord, verifyRecordSignatures } from "@/lib/services/signatures/sign-record";
import { makeUser, TEST_PASSWORD, testDb } from "../test-db";

let db: Db;
let lead: Actor;
const ref = { entityType: "test_record", entityId: "7" };
const content = { title: "Isolation procedure", steps: ["Unplug from the clinical VLAN", "Call the OEM"] };
const count = (t: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`))!.n;

beforeEach(async () => {
  db = testDb().db;
  lead = await makeUser(db, { roles: ["leadership"], name: "Dana Whitfield" });
});

describe("signing a record (21 CFR Part 11)", () => {
  test("the right password writes one signature bound to the content, with printed name, meaning and time, and its audit row", async () => {
    const at = new Date("2026-11-29T10:15:00.000Z");
    const row = await signRecord(db, lead, { ref, content, meaning: "Approved", password: TEST_PASSWORD }, at);
    expect(row).toMatchObject({ printedName: "Dana Whitfield", meaning: "Approved", signedAt: at.toISOString(), signerId: lead.id });
    const [v] = verifyRecordSignatures(db, ref, content);
    expect(v!.verdict).toEqual({ valid: true });
    expect(verifyRecordSignatures(db, ref, { ...content, steps: ["Call the OEM"] })[0]!.verdict).toMatchObject({ valid: false, reason: "content_changed" });
    expect(db.get<{ a: string }>(sql`select action as a from audit_log order by seq desc limit 1`)!.a).toBe("RECORD_SIGNED");
  });

  test("a wrong password writes no signature: the refusal is audited and counts toward the throttle", async () => {
    const before = { signatures: count("signatures"), attempts: count("login_attempts"), audit: count("audit_log") };
    await expect(signRecord(db, lead, { ref, content, meaning: "Approved", password: "not the password at all" })).rejects.toMatchObject({
      message: "The password is incorrect. Nothing was signed.",
    });
    expect(count("signatures")).toBe(before.signatures);
    expect(count("login_attempts")).toBe(before.attempts + 1);
    expect(count("audit_log")).toBe(before.audit + 1);
    expect(db.get<{ a: string; e: string }>(sql`select action as a, entity_id as e from audit_log order by seq desc limit 1`)).toEqual({
      a: "SIGNATURE_REFUSED_WRONG_PASSWORD",
      e: "7",
    });
  });

  test("an empty password and an empty meaning sign nothing", async () => {
    await expect(signRecord(db, lead, { ref, content, meaning: "Approved", password: "" })).rejects.toMatchObject({
      message: "The password is incorrect. Nothing was signed.",
    });
    await expect(signRecord(db, lead, { ref, content, meaning: "  ", password: TEST_PASSWORD })).rejects.toMatchObject({
      message: "State what your signature means.",
    });
    expect(count("signatures")).toBe(0);
  });

  test("after repeated wrong passwords signing is refused for a while, even with the right one", async () => {
    for (let i = 0; i < 8; i++) await signRecord(db, lead, { ref, content, meaning: "Approved", password: `wrong-${i}-password` }).catch(() => undefined);
    await expect(signRecord(db, lead, { ref, content, meaning: "Approved", password: TEST_PASSWORD })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(count("signatures")).toBe(0);
  });
});
