import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { writeTx } from "@/db/client";
import { auditLog, signatures, signingChallenges, userRoles, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { SIGNING_CHALLENGE_REFUSALS } from "@/lib/rules/signing-challenge";
import { verifySignature } from "@/lib/rules/signature";
import { deleteSsoGroupMapping, saveSsoGroupMapping } from "@/lib/services/admin/manage-sso-group-mappings";
import { SSO_ADMIN_MAPPING_REFUSAL } from "@/lib/services/admin/user-guards";
import { setUserActive } from "@/lib/services/admin/set-user-active";
import { loadActor } from "@/lib/services/auth/load-actor";
import { ssoSignIn, type SsoIdentity } from "@/lib/services/auth/sso-sign-in";
import { satisfySigningChallenge } from "@/lib/services/signatures/satisfy-signing-challenge";
import { confirmSigner, signRecord, verifyRecordSignatures, writeSignature } from "@/lib/services/signatures/sign-record";
import { signingMethodFor } from "@/lib/services/signatures/signing-method";
import { startSigningChallenge } from "@/lib/services/signatures/start-signing-challenge";
import { makeUser, TEST_SECRETS, testDb } from "../test-db";

const ISSUER = "https://idp.lakeside.example";
const opts = { allowedDomains: ["lakeside.example"] };
const who = (over: Partial<SsoIdentity> = {}): SsoIdentity => ({
  issuer: ISSUER,
  subject: "sub-1",
  email: "pat@lakeside.example",
  emailVerified: true,
  name: "Pat Doe",
  groups: ["cl-leadership"],
  client: "c",
  ...over,
});
const ref = { entityType: "test_record", entityId: "7" };
const content = { title: "Mitigate the CT scanner", controls: ["segmentation"] };
// Fixed instants: these are inputs to the services, never today's date.
const T0 = new Date("2026-06-01T10:00:00.500Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

async function setup() {
  const { db } = testDb();
  const admin = await makeUser(db, { roles: ["admin"] });
  saveSsoGroupMapping(db, admin, { id: null, groupName: "cl-leadership", role: "leadership", partyId: null });
  const s = ssoSignIn(db, who(), opts, T0);
  const signer = loadActor(db, s.userId)!;
  return { db, admin, signer, sessionId: s.sessionId };
}

type Setup = Awaited<ReturnType<typeof setup>>;
const start = (t: Setup, r = ref, now = at(1)) =>
  startSigningChallenge(t.db, t.signer, t.sessionId, { ...r, returnTo: "/inventory/decisions?signing_for=test_record:7" }, now).id;
const satisfy = (t: Setup, challengeId: string, over: Partial<{ sessionId: string | null; subject: string; authTime: unknown }> = {}, now = at(30)) =>
  satisfySigningChallenge(t.db, { challengeId, sessionId: t.sessionId, issuer: ISSUER, subject: "sub-1", authTime: epoch(at(20)), ...over }, now);
const sign = (t: Setup, signingChallenge: string, now = at(60), r = ref, actor: Actor = t.signer) =>
  signRecord(t.db, actor, { ref: r, content, meaning: "Approved", signingChallenge }, now);
const count = (t: Setup, table: "signatures") => t.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))!.n;
const actions = (t: Setup) => t.db.select({ a: auditLog.action, v: auditLog.newValues }).from(auditLog).all();

describe("signing after a fresh login at the OpenID provider (issue #14 item 1, docs/decisions/0031)", () => {
  test("challenge → provider login after it → one signature recorded with method sso, sealed, verifying; every step audited with the method", async () => {
    const t = await setup();
    const id = start(t);
    expect(satisfy(t, id)).toEqual({ ok: true, returnTo: "/inventory/decisions?signing_for=test_record:7" });
    const row = await sign(t, id);
    expect(row.authMethod).toBe("sso");
    const [v] = verifyRecordSignatures(t.db, ref, content);
    expect(v!.verdict).toEqual({ valid: true });
    // The method is in the seal: the same row claiming "password" no longer verifies.
    expect(verifySignature(TEST_SECRETS.signatureKey, { ...row, authMethod: "password" }, content)).toMatchObject({ valid: false, reason: "altered" });
    const ch = t.db.select().from(signingChallenges).where(eq(signingChallenges.id, id)).get()!;
    expect(ch).toMatchObject({ usedAt: at(60).toISOString(), signatureId: row.id, authTime: "2026-06-01T10:00:20.000Z" });
    const trail = actions(t).map((a) => a.a);
    expect(trail.slice(-3)).toEqual(["SIGNING_CHALLENGE_STARTED", "SIGNING_REAUTHENTICATED", "RECORD_SIGNED"]);
    expect(
      actions(t)
        .slice(-3)
        .map((a) => (JSON.parse(a.v ?? "{}") as { method?: string }).method),
    ).toEqual(["sso", "sso", "sso"]);
  });

  test("single use: the same challenge signs once; a second signature with it is refused and nothing changes", async () => {
    const t = await setup();
    const id = start(t);
    satisfy(t, id);
    await sign(t, id);
    await expect(sign(t, id, at(70))).rejects.toMatchObject({ message: SIGNING_CHALLENGE_REFUSALS.used });
    expect(count(t, "signatures")).toBe(1);
    expect(actions(t).at(-1)).toMatchObject({ a: "SIGNATURE_REFUSED_REAUTHENTICATION" });
    // Two submissions racing with one challenge: both pass the early check, the write lock lets one through.
    const id2 = start(t, ref, at(100));
    satisfy(t, id2, { authTime: epoch(at(101)) }, at(102));
    const p1 = await confirmSigner(t.db, t.signer, { signingChallenge: id2 }, ref, at(103));
    const p2 = await confirmSigner(t.db, t.signer, { signingChallenge: id2 }, ref, at(103));
    writeTx(t.db, (tx) => writeSignature(tx, t.signer, { ref, content, meaning: "Approved", proof: p1 }, at(104)));
    expect(() => writeTx(t.db, (tx) => writeSignature(tx, t.signer, { ref, content, meaning: "Approved", proof: p2 }, at(104)))).toThrow(
      SIGNING_CHALLENGE_REFUSALS.used,
    );
    expect(count(t, "signatures")).toBe(2);
    // The database keeps a used challenge as it is.
    expect(() => t.db.update(signingChallenges).set({ usedAt: null }).where(eq(signingChallenges.id, id)).run()).toThrow(/cannot change/);
  });

  test("expiry: a challenge is good for 10 minutes, to satisfy and to use", async () => {
    const t = await setup();
    const late = start(t);
    expect(satisfy(t, late, { authTime: epoch(at(600)) }, at(601))).toMatchObject({ ok: false, reason: "expired" });
    const id = start(t, ref, at(700));
    satisfy(t, id, { authTime: epoch(at(710)) }, at(711));
    await expect(sign(t, id, at(1301))).rejects.toMatchObject({ message: SIGNING_CHALLENGE_REFUSALS.expired });
    expect(count(t, "signatures")).toBe(0);
  });

  test("a provider login older than the challenge (a silent SSO), or without auth_time, does not satisfy it", async () => {
    const t = await setup();
    const id = start(t, ref, at(10));
    expect(satisfy(t, id, { authTime: epoch(at(10)) - 1 })).toMatchObject({ ok: false, reason: "stale_login" });
    expect(satisfy(t, id, { authTime: undefined })).toMatchObject({ ok: false, reason: "stale_login" });
    expect(satisfy(t, id, { authTime: "1780000000" })).toMatchObject({ ok: false, reason: "stale_login" });
    expect(t.db.select().from(signingChallenges).where(eq(signingChallenges.id, id)).get()!.satisfiedAt).toBeNull();
    await expect(sign(t, id)).rejects.toMatchObject({ message: SIGNING_CHALLENGE_REFUSALS.not_satisfied });
    expect(count(t, "signatures")).toBe(0);
    expect(actions(t).filter((a) => a.a === "SIGNING_REAUTHENTICATION_REFUSED")).toHaveLength(3);
    // The same second as the challenge is not older (auth_time has whole seconds only).
    expect(satisfy(t, id, { authTime: epoch(at(10)) })).toMatchObject({ ok: true });
  });

  test("someone else at the provider, another session, another user, another record: refused, nothing signed", async () => {
    const t = await setup();
    const id = start(t);
    expect(satisfy(t, id, { subject: "sub-2" })).toMatchObject({ ok: false, reason: "other_identity" });
    expect(satisfy(t, id, { sessionId: null })).toMatchObject({ ok: false, reason: "wrong_session" });
    expect(satisfy(t, id, { sessionId: "another-session" })).toMatchObject({ ok: false, reason: "wrong_session" });
    expect(
      satisfySigningChallenge(
        t.db,
        { challengeId: "no-such-challenge-000000", sessionId: t.sessionId, issuer: ISSUER, subject: "sub-1", authTime: epoch(at(20)) },
        at(30),
      ),
    ).toMatchObject({ ok: false, reason: "missing" });
    satisfy(t, id);
    const other = await makeUser(t.db, { roles: ["leadership"] });
    await expect(sign(t, id, at(60), ref, other)).rejects.toMatchObject({ message: SIGNING_CHALLENGE_REFUSALS.wrong_user });
    await expect(sign(t, id, at(60), { entityType: "test_record", entityId: "8" })).rejects.toMatchObject({ message: SIGNING_CHALLENGE_REFUSALS.wrong_record });
    await expect(signRecord(t.db, t.signer, { ref, content, meaning: "Approved" }, at(60))).rejects.toMatchObject({
      message: SIGNING_CHALLENGE_REFUSALS.missing,
    });
    expect(count(t, "signatures")).toBe(0);
    // A person not linked to the provider who sends no password is asked for it, not sent to a provider (found by a probe).
    await expect(signRecord(t.db, other, { ref, content, meaning: "Approved" }, at(60))).rejects.toMatchObject({
      message: "Enter your password to sign.",
      fieldErrors: { password: ["Enter your password to sign."] },
    });
    expect(count(t, "signatures")).toBe(0);
    // Still usable by its own user for its own record.
    expect((await sign(t, id)).authMethod).toBe("sso");
  });

  test("deactivated in Clearline between the login and the signature: refused", async () => {
    const t = await setup();
    const id = start(t);
    const pending = start(t);
    satisfy(t, id);
    setUserActive(t.db, t.admin, { id: t.signer.id, active: false });
    await expect(sign(t, id)).rejects.toMatchObject({ message: SIGNING_CHALLENGE_REFUSALS.inactive });
    expect(satisfy(t, pending)).toMatchObject({ ok: false, reason: "inactive" });
    expect(() => start(t)).toThrow(/Sign in again/);
    expect(count(t, "signatures")).toBe(0);
  });

  test("a local account without a provider link cannot start a challenge; SSO sessions and SSO-only accounts sign through the provider", async () => {
    const t = await setup();
    const local = await makeUser(t.db, { roles: ["leadership"] });
    expect(() => startSigningChallenge(t.db, local, "s", { ...ref, returnTo: "/" }, at(1))).toThrow(/not linked to the identity provider/);
    const auditor = await makeUser(t.db, { roles: ["auditor"] });
    expect(() => startSigningChallenge(t.db, auditor, "s", { ...ref, returnTo: "/" }, at(1))).toThrow(/permission/);
    expect(signingMethodFor(t.db, t.signer, "sso", true)).toBe("sso");
    expect(signingMethodFor(t.db, t.signer, "password", true)).toBe("sso"); // provisioned by SSO: no Clearline password
    expect(signingMethodFor(t.db, local, "password", true)).toBe("password");
    expect(signingMethodFor(t.db, t.signer, "sso", false)).toBe("password");
    // An unsafe return path becomes the home page.
    expect(startSigningChallenge(t.db, t.signer, t.sessionId, { ...ref, returnTo: "//evil.example/x" }, at(1)).returnTo).toBe("/");
  });
});

describe("SSO never leaves the organization without an active admin (issue #14 item 1)", () => {
  test("the mapping that alone grants Admin cannot be removed or changed while every active admin is SSO-linked; role sync keeps the last admin", async () => {
    const { db } = testDb();
    const bootstrap = await makeUser(db, { roles: ["admin"] });
    const adminMap = saveSsoGroupMapping(db, bootstrap, { id: null, groupName: "cl-admins", role: "admin", partyId: null });
    saveSsoGroupMapping(db, bootstrap, { id: null, groupName: "cl-leadership", role: "leadership", partyId: null });
    const s = ssoSignIn(db, who({ subject: "adm", email: "adm@lakeside.example", groups: ["cl-admins"] }), opts, T0);
    const ssoAdmin = loadActor(db, s.userId)!;
    // While a local admin is active, the mapping may go.
    saveSsoGroupMapping(db, bootstrap, { id: adminMap, groupName: "cl-admins", role: "leadership", partyId: null });
    saveSsoGroupMapping(db, bootstrap, { id: adminMap, groupName: "cl-admins", role: "admin", partyId: null });
    setUserActive(db, ssoAdmin, { id: bootstrap.id, active: false });
    const before = db.select().from(auditLog).all().length;
    expect(() => deleteSsoGroupMapping(db, ssoAdmin, { id: adminMap })).toThrow(SSO_ADMIN_MAPPING_REFUSAL);
    expect(() => saveSsoGroupMapping(db, ssoAdmin, { id: adminMap, groupName: "cl-admins", role: "leadership", partyId: null })).toThrow(
      SSO_ADMIN_MAPPING_REFUSAL,
    );
    expect(db.select().from(auditLog).all().length).toBe(before);
    // The provider moves the last admin to another mapped group: the sign-in keeps Admin, and says why.
    ssoSignIn(db, who({ subject: "adm", email: "adm@lakeside.example", groups: ["cl-leadership"] }), opts, at(60));
    const roles = db
      .select({ r: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, ssoAdmin.id))
      .all()
      .map((x) => x.r)
      .sort();
    expect(roles).toEqual(["admin", "leadership"]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "SSO_ROLE_SYNC_REFUSED_LAST_ADMIN")).all()).toHaveLength(1);
    // With another active admin, the same sign-in does remove it.
    const other = await makeUser(db, { roles: ["admin"] });
    expect(other.roles).toContain("admin");
    ssoSignIn(db, who({ subject: "adm", email: "adm@lakeside.example", groups: ["cl-leadership"] }), opts, at(120));
    expect(
      db
        .select({ r: userRoles.role })
        .from(userRoles)
        .where(eq(userRoles.userId, ssoAdmin.id))
        .all()
        .map((x) => x.r),
    ).toEqual(["leadership"]);
    expect(db.select().from(users).where(eq(users.id, ssoAdmin.id)).get()!.active).toBe(true);
    expect(db.select().from(signatures).all()).toHaveLength(0);
  });
});
