import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, loginAttempts, recoveryCodes, sessions, userTotp, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { confirmTotpEnrolment, WRONG_ENROLMENT_CODE } from "@/lib/services/account/confirm-totp-enrolment";
import { startTotpEnrolment } from "@/lib/services/account/start-totp-enrolment";
import { resetUserMfa } from "@/lib/services/admin/reset-user-mfa";
import { setMfaPolicy } from "@/lib/services/admin/set-mfa-policy";
import { resolveSession } from "@/lib/services/auth/session";
import { CODE_NEEDED, signIn, WRONG_CODE } from "@/lib/services/auth/sign-in";
import { makeParty, makeUser, testDb, TEST_PASSWORD } from "../test-db";
import { clock } from "@/lib/clock";

const policy = { idleMinutes: 30, absoluteHours: 12 };
const sleep = async () => {};
/** A time `seconds` from the test's start: the clock may be today or 18 months ahead (CLEARLINE_NOW). */
const t0 = clock.ms();
const at = (seconds: number) => new Date(t0 + seconds * 1000);
/** The code an authenticator app shows at that time, computed by otplib from the key the page showed. */
const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });

async function enrolled(db: Db, actor: Actor) {
  const e = await startTotpEnrolment(db, actor, at(0));
  const secret = e.manualKey.replace(/\s+/g, "");
  const { recoveryCodes: codes } = await confirmTotpEnrolment(db, actor, { code: await codeAt(secret, at(0)) }, at(0));
  return { secret, codes, enrolment: e };
}

const audits = (db: Db, action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe("TOTP enrolment", () => {
  test("QR code and manual key, confirmed with a code computed from the key; 10 recovery codes shown once and stored hashed", async () => {
    const { db } = testDb();
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const { secret, codes, enrolment } = await enrolled(db, jo);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.uri).toContain(`secret=${secret}`);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    const stored = db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, jo.id)).all();
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.codeHash).toMatch(/^\$argon2id\$/);
      expect(codes.some((c) => s.codeHash.includes(c.replace("-", "")))).toBe(false);
    }
    // The secret is not stored in the clear.
    const row = db.select().from(userTotp).where(eq(userTotp.userId, jo.id)).get()!;
    expect(row.secretEnc).not.toContain(secret);
    expect(row.confirmedAt).not.toBeNull();
    expect(audits(db, "MFA_ENROLLED")).toHaveLength(1);
    // Once confirmed, a signed-in session cannot swap the authenticator.
    await expect(startTotpEnrolment(db, jo, at(5))).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(db.select().from(userTotp).where(eq(userTotp.userId, jo.id)).get()).toEqual(row);
  });

  test("a wrong code does not complete enrolment and issues no recovery codes", async () => {
    const { db } = testDb();
    const jo = await makeUser(db, { roles: ["contributor"] });
    const e = await startTotpEnrolment(db, jo, at(0));
    const right = await codeAt(e.manualKey.replace(/\s+/g, ""), at(0));
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    await expect(confirmTotpEnrolment(db, jo, { code: wrong }, at(0))).rejects.toMatchObject({ code: "VALIDATION", message: WRONG_ENROLMENT_CODE });
    expect(db.select().from(userTotp).where(eq(userTotp.userId, jo.id)).get()?.confirmedAt).toBeNull();
    expect(db.select().from(recoveryCodes).all()).toHaveLength(0);
    expect(audits(db, "MFA_ENROLLED")).toHaveLength(0);
  });
});

describe("sign-in with a second factor", () => {
  test("the code is asked after the right password; a TOTP step is accepted once (RFC 6238 §5.2)", async () => {
    const { db } = testDb();
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const { secret } = await enrolled(db, jo);
    const before = db.select().from(loginAttempts).all().length;
    // Right password, no code: asked for it, no session, and the attempt is withdrawn rather than counted as a failure.
    await expect(signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c1" }, { sleep, now: () => at(60) })).rejects.toMatchObject({
      message: CODE_NEEDED,
    });
    expect(db.select().from(sessions).all()).toHaveLength(0);
    expect(db.select().from(loginAttempts).all()).toHaveLength(before);
    // Wrong password with a code: the password's sentence, never a hint about the code.
    await expect(
      signIn(db, { email: "jo@test.example", password: "wrong password entirely", code: "123456", client: "c1" }, { sleep, now: () => at(60) }),
    ).rejects.toMatchObject({ message: "Email or password is incorrect." });
    const code = await codeAt(secret, at(60));
    const ok = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code, client: "c1" }, { sleep, now: () => at(60) });
    expect(resolveSession(db, ok.sessionId, policy, at(61))).toMatchObject({ ok: true, method: "password", restriction: null });
    const signInAudit = audits(db, "SIGN_IN").at(-1)!;
    expect(JSON.parse(signInAudit.newValues!)).toMatchObject({ method: "password", secondFactor: "totp" });
    // The same code again (replay), even within its 30 seconds: refused.
    await expect(signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code, client: "c1" }, { sleep, now: () => at(70) })).rejects.toMatchObject({
      message: WRONG_CODE,
    });
    expect(db.select().from(sessions).all()).toHaveLength(1);
    // The next step's code works.
    await expect(
      signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: await codeAt(secret, at(95)), client: "c1" }, { sleep, now: () => at(95) }),
    ).resolves.toMatchObject({ userId: jo.id });
  });

  test("a recovery code signs in once only", async () => {
    const { db } = testDb();
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const { codes } = await enrolled(db, jo);
    const first = codes[3]!;
    await expect(
      signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: first.toLowerCase(), client: "c1" }, { sleep, now: () => at(60) }),
    ).resolves.toMatchObject({ userId: jo.id });
    expect(
      db
        .select()
        .from(recoveryCodes)
        .all()
        .filter((c) => c.usedAt),
    ).toHaveLength(1);
    expect(JSON.parse(audits(db, "SIGN_IN").at(-1)!.newValues!)).toMatchObject({ secondFactor: "recovery" });
    await expect(
      signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: first, client: "c1" }, { sleep, now: () => at(120) }),
    ).rejects.toMatchObject({ message: WRONG_CODE });
    expect(db.select().from(sessions).all()).toHaveLength(1);
    expect(
      db
        .select()
        .from(recoveryCodes)
        .all()
        .filter((c) => c.usedAt),
    ).toHaveLength(1);
    // Another unused one still works.
    await expect(
      signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: codes[4]!, client: "c1" }, { sleep, now: () => at(180) }),
    ).resolves.toMatchObject({ userId: jo.id });
  });

  test("wrong codes are throttled like wrong passwords: after five, even the right code is paused", async () => {
    const { db } = testDb();
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const { secret } = await enrolled(db, jo);
    const slept: number[] = [];
    const counting = async (ms: number) => void slept.push(ms);
    for (let i = 0; i < 5; i++) {
      await expect(
        signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: String(100000 + i), client: "c1" }, { sleep: counting, now: () => at(60 + i) }),
      ).rejects.toMatchObject({ message: WRONG_CODE });
    }
    expect(slept).toEqual([500, 1000, 2000]);
    expect(audits(db, "SIGN_IN_FAILED").filter((a) => JSON.parse(a.newValues!).step === "second_factor")).toHaveLength(5);
    const right = await codeAt(secret, at(66));
    await expect(
      signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: right, client: "c1" }, { sleep, now: () => at(66) }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(db.select().from(sessions).all()).toHaveLength(0);
    // The refusal consumed nothing: after the pause the code of that moment works.
    const later = at(66 + 16 * 60);
    await expect(
      signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: await codeAt(secret, later), client: "c1" }, { sleep, now: () => later }),
    ).resolves.toMatchObject({ userId: jo.id });
  });
});

describe("MFA policy and reset", () => {
  test("required for admins, leadership and party leads: their next session is restricted to enrolment; contributors are not", async () => {
    const { db } = testDb();
    const admin = await makeUser(db, { roles: ["admin"], email: "admin@test.example" });
    const party = makeParty(db, "Clinical Engineering");
    await makeUser(db, { roles: ["lead"], email: "lead@test.example", leads: party });
    await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const lead = await signIn(db, { email: "lead@test.example", password: TEST_PASSWORD, client: "c" }, { sleep });
    const jo = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c" }, { sleep });
    expect(resolveSession(db, lead.sessionId, policy)).toMatchObject({ ok: true, restriction: null });

    const contributor = (await makeUser(db, { roles: ["contributor"] })) as Actor;
    const settingsBefore = audits(db, "SETTING_CHANGED").length;
    expect(() => setMfaPolicy(db, contributor, { required: true })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(audits(db, "SETTING_CHANGED")).toHaveLength(settingsBefore);
    expect(resolveSession(db, lead.sessionId, policy)).toMatchObject({ restriction: null });

    setMfaPolicy(db, admin, { required: true });
    expect(audits(db, "SETTING_CHANGED").at(-1)).toMatchObject({ entityId: "auth.mfaRequiredForSigners" });
    expect(resolveSession(db, lead.sessionId, policy)).toMatchObject({ ok: true, restriction: "enrol_mfa" });
    expect(resolveSession(db, jo.sessionId, policy)).toMatchObject({ ok: true, restriction: null });
    const leadActor = (resolveSession(db, lead.sessionId, policy) as { actor: Actor }).actor;
    await enrolled(db, leadActor);
    expect(resolveSession(db, lead.sessionId, policy)).toMatchObject({ ok: true, restriction: null });
  });

  test("an admin resets a user's MFA: authenticator and recovery codes stop working, sessions end, audited; others are refused and change nothing", async () => {
    const { db, sqlite } = testDb();
    const admin = await makeUser(db, { roles: ["admin"] });
    const lead = await makeUser(db, { roles: ["lead"] });
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const { codes } = await enrolled(db, jo);
    const s = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, code: codes[0]!, client: "c" }, { sleep });
    const snapshot = () =>
      JSON.stringify(["user_totp", "recovery_codes", "sessions", "audit_log"].map((t) => sqlite.prepare(`select * from ${t} order by rowid`).all()));
    const before = snapshot();
    expect(() => resetUserMfa(db, lead, { id: jo.id })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => resetUserMfa(db, jo, { id: jo.id })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(snapshot()).toBe(before);

    resetUserMfa(db, admin, { id: jo.id });
    expect(db.select().from(userTotp).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(recoveryCodes)
        .all()
        .every((c) => c.usedAt),
    ).toBe(true);
    expect(resolveSession(db, s.sessionId, policy)).toEqual({ ok: false, status: "revoked" });
    const a = audits(db, "USER_MFA_RESET");
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ actorId: admin.id, entityId: String(jo.id) });
    // The password alone signs in now; an unused recovery code is no longer a factor.
    await expect(signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c" }, { sleep })).resolves.toMatchObject({ userId: jo.id });
    expect(() => resetUserMfa(db, admin, { id: jo.id })).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(() => resetUserMfa(db, admin, { id: 99999 })).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(db.select().from(users).where(eq(users.id, jo.id)).get()?.active).toBe(true);
  });
});
