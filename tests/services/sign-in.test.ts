import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { sessions, users } from "@/db/schema";
import { resolveSession, revokeSession } from "@/lib/services/auth/session";
import { signIn } from "@/lib/services/auth/sign-in";
import { makeUser, testDb, TEST_PASSWORD } from "../test-db";
import { clock } from "@/lib/clock";

const policy = { idleMinutes: 30, absoluteHours: 12 };

async function setup() {
  const { db } = testDb();
  const actor = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
  return { db, actor };
}

describe("sign-in", () => {
  test("right password opens a server-side session; sign-out makes it worthless", async () => {
    const { db, actor } = await setup();
    const { sessionId, userId } = await signIn(db, { email: "JO@test.example ", password: TEST_PASSWORD, client: "c1" });
    expect(userId).toBe(actor.id);
    expect(resolveSession(db, sessionId, policy)).toMatchObject({ ok: true, actor: { id: actor.id } });
    revokeSession(db, sessionId);
    expect(resolveSession(db, sessionId, policy)).toEqual({ ok: false, status: "revoked" });
  });

  test("wrong password and unknown email get the same sentence", async () => {
    const { db } = await setup();
    const sleep = async () => {};
    await expect(signIn(db, { email: "jo@test.example", password: "nope nope nope nope", client: "c" }, { sleep })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Email or password is incorrect.",
    });
    await expect(signIn(db, { email: "ghost@test.example", password: "nope nope nope nope", client: "c" }, { sleep })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Email or password is incorrect.",
    });
  });

  test("failures from one address slow it down, then pause that address for the account even with the right password", async () => {
    const { db } = await setup();
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    for (let i = 0; i < 5; i++) {
      await expect(signIn(db, { email: "jo@test.example", password: `wrong password ${i} xx`, client: "c1" }, { sleep })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    }
    expect(slept).toEqual([500, 1000, 2000]);
    const err = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c1" }, { sleep }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED" });
    expect((err as Error).message).toMatch(/^Too many failed sign-in attempts\. .*try again in 15 minutes\.$/);
    // After the pause, the right password works again from that address.
    const later = () => new Date(clock.ms() + 16 * 60_000);
    await expect(signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c1" }, { sleep, now: later })).resolves.toMatchObject({
      userId: expect.any(Number),
    });
  });

  test("idle and absolute limits end a session on its next request", async () => {
    const { db } = await setup();
    const { sessionId } = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c" });
    const t0 = Date.parse(db.select().from(sessions).where(eq(sessions.id, sessionId)).get()!.createdAt);
    expect(resolveSession(db, sessionId, policy, new Date(t0 + 29 * 60_000)).ok).toBe(true);
    expect(resolveSession(db, sessionId, policy, new Date(t0 + 29 * 60_000 + 31 * 60_000))).toEqual({ ok: false, status: "idle_expired" });
    // and once expired, it stays revoked
    expect(resolveSession(db, sessionId, policy, new Date(t0 + 60_000))).toEqual({ ok: false, status: "revoked" });

    const second = (await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c" })).sessionId;
    const t1 = Date.parse(db.select().from(sessions).where(eq(sessions.id, second)).get()!.createdAt);
    // Active every 25 minutes: never idle, yet cut off after 12 hours in all.
    for (let m = 25; m < 12 * 60; m += 25) expect(resolveSession(db, second, policy, new Date(t1 + m * 60_000)).ok).toBe(true);
    expect(resolveSession(db, second, policy, new Date(t1 + 12 * 3_600_000 + 60_000))).toEqual({ ok: false, status: "absolute_expired" });
  });

  test("a deactivated user's session ends", async () => {
    const { db, actor } = await setup();
    const { sessionId } = await signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c" });
    db.update(users).set({ active: false }).where(eq(users.id, actor.id)).run();
    expect(resolveSession(db, sessionId, policy)).toEqual({ ok: false, status: "user_inactive" });
  });
});
