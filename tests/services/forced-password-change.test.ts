import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, users } from "@/db/schema";
import { changeOwnPassword, WRONG_CURRENT_PASSWORD } from "@/lib/services/account/change-own-password";
import { createUser } from "@/lib/services/admin/create-user";
import { setUserPassword } from "@/lib/services/admin/set-user-password";
import { resolveSession } from "@/lib/services/auth/session";
import { signIn } from "@/lib/services/auth/sign-in";
import { makeUser, testDb, TEST_PASSWORD } from "../test-db";

const policy = { idleMinutes: 30, absoluteHours: 12 };
const sleep = async () => {};
const INITIAL = "an initial password from the admin 1";
const OWN = "my very own chosen passphrase 2026";

describe("an admin-set password must be replaced at first sign-in", () => {
  test("created by an admin → restricted session until the user picks their own; a wrong current password changes nothing", async () => {
    const { db, sqlite } = testDb();
    const admin = await makeUser(db, { roles: ["admin"] });
    await createUser(db, admin, { email: "new@test.example", name: "New Person", title: "", roles: ["contributor"], partyId: null, password: INITIAL });
    const s = await signIn(db, { email: "new@test.example", password: INITIAL, client: "c" }, { sleep });
    const check = resolveSession(db, s.sessionId, policy);
    expect(check).toMatchObject({ ok: true, restriction: "change_password" });
    const actor = (check as { actor: Parameters<typeof changeOwnPassword>[1] }).actor;

    const row = () => sqlite.prepare("select password_hash, password_set_by from users where email = 'new@test.example'").get();
    const before = row();
    await expect(changeOwnPassword(db, actor, { currentPassword: "not the initial one at all", newPassword: OWN }, s.sessionId)).rejects.toMatchObject({
      message: WRONG_CURRENT_PASSWORD,
    });
    await expect(changeOwnPassword(db, actor, { currentPassword: INITIAL, newPassword: "short" }, s.sessionId)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(changeOwnPassword(db, actor, { currentPassword: INITIAL, newPassword: INITIAL }, s.sessionId)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(row()).toEqual(before);
    expect(resolveSession(db, s.sessionId, policy)).toMatchObject({ restriction: "change_password" });

    await changeOwnPassword(db, actor, { currentPassword: INITIAL, newPassword: OWN }, s.sessionId);
    expect(resolveSession(db, s.sessionId, policy)).toMatchObject({ ok: true, restriction: null });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "PASSWORD_CHANGED")).all()).toHaveLength(1);
    await expect(signIn(db, { email: "new@test.example", password: INITIAL, client: "c" }, { sleep })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(signIn(db, { email: "new@test.example", password: OWN, client: "c" }, { sleep })).resolves.toMatchObject({ userId: actor.id });
  });

  test("after an admin resets the password the user must change it again; the user's own change is never forced", async () => {
    const { db } = testDb();
    const admin = await makeUser(db, { roles: ["admin"] });
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const own = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c" }, { sleep });
    expect(resolveSession(db, own.sessionId, policy)).toMatchObject({ restriction: null });
    await setUserPassword(db, admin, { id: jo.id, password: INITIAL });
    expect(db.select().from(users).where(eq(users.id, jo.id)).get()?.passwordSetBy).toBe(admin.id);
    const s = await signIn(db, { email: "jo@test.example", password: INITIAL, client: "c" }, { sleep });
    expect(resolveSession(db, s.sessionId, policy)).toMatchObject({ restriction: "change_password" });
    // An admin setting their own password is choosing it themselves.
    await setUserPassword(db, admin, { id: admin.id, password: OWN });
    expect(db.select().from(users).where(eq(users.id, admin.id)).get()?.passwordSetBy).toBe(admin.id);
  });

  test("wrong current passwords are throttled like sign-in attempts", async () => {
    const { db } = testDb();
    const jo = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    for (let i = 0; i < 5; i++) {
      await expect(changeOwnPassword(db, jo, { currentPassword: `guess number ${i} long`, newPassword: OWN }, null)).rejects.toMatchObject({
        message: WRONG_CURRENT_PASSWORD,
      });
    }
    await expect(changeOwnPassword(db, jo, { currentPassword: TEST_PASSWORD, newPassword: OWN }, null)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
