import { beforeEach, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, parties, sessions, sites, users, userRoles } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { archiveDeviceClass } from "@/lib/services/admin/archive-device-class";
import { createDeviceClass } from "@/lib/services/admin/create-device-class";
import { createSite } from "@/lib/services/admin/create-site";
import { createUser } from "@/lib/services/admin/create-user";
import { moveDeviceClass } from "@/lib/services/admin/move-device-class";
import { createParty, updateParty } from "@/lib/services/admin/save-party";
import { setUserActive } from "@/lib/services/admin/set-user-active";
import { setUserPassword } from "@/lib/services/admin/set-user-password";
import { updateDeviceClass } from "@/lib/services/admin/update-device-class";
import { updateSite } from "@/lib/services/admin/update-site";
import { updateUser } from "@/lib/services/admin/update-user";
import { resolveSession } from "@/lib/services/auth/session";
import { signIn } from "@/lib/services/auth/sign-in";
import { makeParty, makeUser, testDb, TEST_PASSWORD } from "../test-db";
import { clock } from "@/lib/clock";

const DC = {
  description: "",
  regulated: "yes" as const,
  fdaClass: "II" as const,
  connectivity: "wired" as const,
  remoteVendorAccess: false,
  storesPhi: false,
  lifeSustaining: false,
  criticality: "high" as const,
};

let db: Db;
let admin: Actor;
let others: Record<Exclude<Role, "admin">, Actor>;

function snapshot() {
  const count = (t: string) => db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`))!.n;
  return JSON.stringify({
    sites: db.select().from(sites).all(),
    parties: db.select().from(parties).all(),
    users: db.select().from(users).all(),
    roles: db.select().from(userRoles).all(),
    classes: db.select().from(deviceClasses).all(),
    audit: count("audit_log"),
  });
}

beforeEach(async () => {
  db = testDb().db;
  admin = await makeUser(db, { roles: ["admin"], name: "Ada Admin" });
  others = {
    leadership: await makeUser(db, { roles: ["leadership"] }),
    lead: await makeUser(db, { roles: ["lead"] }),
    contributor: await makeUser(db, { roles: ["contributor"] }),
    auditor: await makeUser(db, { roles: ["auditor"] }),
  };
});

const lastAudit = () => db.get<{ action: string; actor_id: number }>(sql`select action, actor_id from audit_log order by seq desc limit 1`)!;

/** Each admin use case: [name, run(actor), expected audit action]. Fixtures are created by the admin first. */
const useCases: [string, (actor: Actor) => unknown, string][] = [
  ["createSite", (a) => createSite(db, a, { name: "Westfield", code: "WF", kind: "clinic" }), "SITE_CREATED"],
  ["updateSite", (a) => updateSite(db, a, { id: 1, name: "Renamed", code: "S1", kind: "hospital", archived: false }), "SITE_UPDATED"],
  ["createParty", (a) => createParty(db, a, { name: "Biomed Vendors", kind: "external", description: "", leadUserId: null }), "PARTY_CREATED"],
  [
    "updateParty",
    (a) => updateParty(db, a, { id: 1, name: "Clinical Engineering (HTM)", kind: "internal", description: "", leadUserId: null }),
    "PARTY_UPDATED",
  ],
  [
    "createUser",
    (a) =>
      createUser(db, a, {
        email: "new.user@test.example",
        name: "New User",
        title: "",
        roles: ["contributor"],
        partyId: null,
        password: "violet harbor lantern season",
      }),
    "USER_CREATED",
  ],
  [
    "updateUser",
    (a) => updateUser(db, a, { id: others.contributor.id, name: "Renamed", title: "Tech", roles: ["contributor", "lead"], partyId: null }),
    "USER_UPDATED",
  ],
  ["setUserActive", (a) => setUserActive(db, a, { id: others.contributor.id, active: false }), "USER_DEACTIVATED"],
  ["setUserPassword", (a) => setUserPassword(db, a, { id: others.contributor.id, password: "tangerine meridian copper" }), "USER_PASSWORD_SET"],
  ["createDeviceClass", (a) => createDeviceClass(db, a, { ...DC, name: "Dialysis machines", parentId: null }), "DEVICE_CLASS_CREATED"],
  ["updateDeviceClass", (a) => updateDeviceClass(db, a, { ...DC, id: 1, name: "Infusion systems" }), "DEVICE_CLASS_UPDATED"],
  ["moveDeviceClass", (a) => moveDeviceClass(db, a, { id: 2, parentId: null }), "DEVICE_CLASS_MOVED"],
  ["archiveDeviceClass", (a) => archiveDeviceClass(db, a, { id: 2, archived: true }), "DEVICE_CLASS_ARCHIVED"],
];

function fixtures() {
  const at = clock.now().toISOString();
  db.insert(sites).values({ name: "Site One", code: "S1", createdAt: at, updatedAt: at }).run();
  makeParty(db, "Clinical Engineering");
  db.insert(deviceClasses).values({ name: "Infusion pumps", createdAt: at, updatedAt: at }).run();
  db.insert(deviceClasses).values({ name: "Syringe pumps", parentId: 1, createdAt: at, updatedAt: at }).run();
}

describe.each(useCases)("%s", (_name, run, action) => {
  test("an admin may, and an audit row with the change is written in the same transaction", async () => {
    fixtures();
    await run(admin);
    expect(lastAudit()).toEqual({ action, actor_id: admin.id });
  });

  test.each(["leadership", "lead", "contributor", "auditor"] as const)("%s is refused and nothing changes", async (role) => {
    fixtures();
    const before = snapshot();
    await expect(Promise.resolve().then(() => run(others[role]))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You don't have permission to do this.",
    });
    expect(snapshot()).toBe(before);
  });
});

describe("admin rules", () => {
  beforeEach(fixtures);

  test("a duplicate site name or code is a conflict and nothing is written", () => {
    const before = snapshot();
    expect(() => createSite(db, admin, { name: "site one", code: "X9", kind: "hospital" })).toThrowError(/already exists/);
    expect(snapshot()).toBe(before);
  });

  test("moving a class under its own subclass is refused", () => {
    const before = snapshot();
    expect(() => moveDeviceClass(db, admin, { id: 1, parentId: 2 })).toThrowError("A device class cannot be moved under one of its own subclasses.");
    expect(snapshot()).toBe(before);
  });

  test("a class with active subclasses cannot be archived", () => {
    expect(() => archiveDeviceClass(db, admin, { id: 1, archived: true })).toThrowError(/Archive or move its subclasses first/);
  });

  test("the last active admin cannot be deactivated or lose the role; nobody deactivates themselves", () => {
    expect(() => setUserActive(db, admin, { id: admin.id, active: false })).toThrowError("You can't deactivate your own account.");
    expect(() => updateUser(db, admin, { id: admin.id, name: "Ada", title: "", roles: ["auditor"], partyId: null })).toThrowError(/last active admin/);
  });

  test("a weak password is refused with a field error, and no user is created", async () => {
    const before = snapshot();
    const err = await createUser(db, admin, {
      email: "weak@test.example",
      name: "Weak",
      title: "",
      roles: ["contributor"],
      partyId: null,
      password: "passwordpassword",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors?.password?.[0]).toMatch(/too common/);
    expect(snapshot()).toBe(before);
  });

  test("a deactivated user cannot sign in and their open session stops on its next request", async () => {
    const u = others.contributor;
    const email = db.select().from(users).where(eq(users.id, u.id)).get()!.email;
    const { sessionId } = await signIn(db, { email, password: TEST_PASSWORD, client: "t" });
    const policy = { idleMinutes: 30, absoluteHours: 12 };
    expect(resolveSession(db, sessionId, policy).ok).toBe(true);
    setUserActive(db, admin, { id: u.id, active: false });
    expect(resolveSession(db, sessionId, policy)).toEqual({ ok: false, status: "revoked" });
    expect(db.select().from(sessions).where(eq(sessions.id, sessionId)).get()!.revokeReason).toBe("deactivated");
    await expect(signIn(db, { email, password: TEST_PASSWORD, client: "t" }, { sleep: async () => {} })).rejects.toMatchObject({
      message: "Email or password is incorrect.",
    });
  });
});
