import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, sessions, ssoGroupMappings, userRoles, users } from "@/db/schema";
import { deleteSsoGroupMapping, saveSsoGroupMapping } from "@/lib/services/admin/manage-sso-group-mappings";
import { setUserActive } from "@/lib/services/admin/set-user-active";
import { resolveSession } from "@/lib/services/auth/session";
import { signIn } from "@/lib/services/auth/sign-in";
import { SSO_REFUSALS, ssoSignIn, type SsoIdentity } from "@/lib/services/auth/sso-sign-in";
import { makeParty, makeUser, testDb, TEST_PASSWORD } from "../test-db";

const policy = { idleMinutes: 30, absoluteHours: 12 };
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

async function setup() {
  const t = testDb();
  const admin = await makeUser(t.db, { roles: ["admin"] });
  const party = makeParty(t.db, "Clinical Engineering");
  saveSsoGroupMapping(t.db, admin, { id: null, groupName: "cl-leadership", role: "leadership", partyId: null });
  saveSsoGroupMapping(t.db, admin, { id: null, groupName: "cl-ce", role: "lead", partyId: party });
  return { ...t, admin, party };
}

const audits = (db: ReturnType<typeof testDb>["db"], action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe("single sign-on", () => {
  test("first sign-in from an allowed domain provisions the person with the mapped role; the session says sso", async () => {
    const { db } = await setup();
    const r = ssoSignIn(db, who(), opts);
    const u = db.select().from(users).where(eq(users.id, r.userId)).get()!;
    expect(u).toMatchObject({ email: "pat@lakeside.example", name: "Pat Doe", ssoSubject: `${ISSUER} sub-1` });
    expect(db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, u.id)).all()).toEqual([{ role: "leadership" }]);
    expect(resolveSession(db, r.sessionId, policy)).toMatchObject({ ok: true, method: "sso", restriction: null, actor: { roles: ["leadership"] } });
    expect(audits(db, "USER_PROVISIONED_SSO")).toHaveLength(1);
    expect(JSON.parse(audits(db, "SIGN_IN").at(-1)!.newValues!)).toMatchObject({ method: "sso" });
    // The provisioned account has no usable local password.
    await expect(signIn(db, { email: "pat@lakeside.example", password: "!sso-only", client: "c" }, { sleep: async () => {} })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  test("mapped groups set roles and party at each sign-in (audited); unmapped groups leave what an admin set", async () => {
    const { db, party } = await setup();
    const first = ssoSignIn(db, who(), opts);
    ssoSignIn(db, who({ groups: ["cl-ce", "other"] }), opts);
    expect(db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, first.userId)).all()).toEqual([{ role: "lead" }]);
    expect(db.select().from(users).where(eq(users.id, first.userId)).get()?.partyId).toBe(party);
    expect(audits(db, "USER_ROLES_FROM_SSO")).toHaveLength(1);
    ssoSignIn(db, who({ groups: ["nothing-mapped"] }), opts);
    expect(db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, first.userId)).all()).toEqual([{ role: "lead" }]);
    expect(audits(db, "USER_ROLES_FROM_SSO")).toHaveLength(1);
  });

  test("deactivated in Clearline → refused whatever the provider says; the refusal is audited and opens no session", async () => {
    const { db, admin } = await setup();
    const first = ssoSignIn(db, who(), opts);
    setUserActive(db, admin, { id: first.userId, active: false, confirm: true });
    const sessionsBefore = db.select().from(sessions).all().length;
    expect(() => ssoSignIn(db, who(), opts)).toThrow(SSO_REFUSALS.inactive);
    expect(db.select().from(sessions).all()).toHaveLength(sessionsBefore);
    const refused = audits(db, "SIGN_IN_REFUSED_INACTIVE");
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]!.newValues!)).toMatchObject({ method: "sso", reason: "inactive" });
    // An account an admin created and deactivated is not linked by email either.
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@lakeside.example", active: false });
    expect(() => ssoSignIn(db, who({ subject: "sub-jo", email: "jo@lakeside.example" }), opts)).toThrow(SSO_REFUSALS.inactive);
    expect(db.select().from(users).where(eq(users.id, jo.id)).get()?.ssoSubject).toBeNull();
  });

  test("no provisioning from another domain, with an unverified email, or without a mapped role; nothing is created", async () => {
    const { db, sqlite } = await setup();
    const count = () => (sqlite.prepare("select count(*) n from users").get() as { n: number }).n;
    const n = count();
    expect(() => ssoSignIn(db, who({ email: "pat@evil.example" }), opts)).toThrow(SSO_REFUSALS.not_allowed);
    expect(() => ssoSignIn(db, who({ email: "pat@sub.lakeside.example" }), opts)).toThrow(SSO_REFUSALS.not_allowed);
    expect(() => ssoSignIn(db, who({ emailVerified: false }), opts)).toThrow(SSO_REFUSALS.unverified);
    expect(() => ssoSignIn(db, who({ groups: [] }), opts)).toThrow(SSO_REFUSALS.no_role);
    expect(count()).toBe(n);
    expect(db.select().from(sessions).all()).toHaveLength(0);
    expect(audits(db, "SIGN_IN_REFUSED")).toHaveLength(4);
  });

  test("an account an admin created is linked at its first SSO sign-in by verified email, keeping the admin's roles when no group is mapped", async () => {
    const { db } = await setup();
    const jo = await makeUser(db, { roles: ["auditor"], email: "jo@lakeside.example" });
    const r = ssoSignIn(db, who({ subject: "sub-jo", email: "JO@lakeside.example", groups: [] }), opts);
    expect(r.userId).toBe(jo.id);
    expect(db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, jo.id)).all()).toEqual([{ role: "auditor" }]);
    expect(audits(db, "USER_SSO_LINKED")).toHaveLength(1);
    // Its local password still works (the admin set it), and the MFA/forced-change rules apply only to such sessions.
    await expect(signIn(db, { email: "jo@lakeside.example", password: TEST_PASSWORD, client: "c" }, { sleep: async () => {} })).resolves.toMatchObject({
      userId: jo.id,
    });
  });

  test("only admins edit the mapping; each change is audited and a refusal changes nothing", async () => {
    const { db, admin } = await setup();
    const lead = await makeUser(db, { roles: ["lead"] });
    const before = db.select().from(ssoGroupMappings).all();
    expect(() => saveSsoGroupMapping(db, lead, { id: null, groupName: "x", role: "admin", partyId: null })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() => deleteSsoGroupMapping(db, lead, { id: before[0]!.id })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => saveSsoGroupMapping(db, admin, { id: null, groupName: "cl-leadership", role: "admin", partyId: null })).toThrow(
      expect.objectContaining({ code: "CONFLICT" }),
    );
    expect(db.select().from(ssoGroupMappings).all()).toEqual(before);
    deleteSsoGroupMapping(db, admin, { id: before[0]!.id });
    expect(audits(db, "SSO_GROUP_MAPPING_CREATED")).toHaveLength(2);
    expect(audits(db, "SSO_GROUP_MAPPING_DELETED")).toHaveLength(1);
  });
});
