import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { registerSliceWriter, sqliteOf, writeTx, writeTxWhenFree } from "@/db/client";
import { AppError, IMPORT_WRITING_MESSAGE } from "@/lib/errors";
import { signIn } from "@/lib/services/auth/sign-in";
import { makeUser, testDb, TEST_PASSWORD } from "../test-db";

/**
 * CI failure (e2e/mfa.spec.ts): a sign-in verified its password (an await) while a CMMS import began its transaction
 * in the worker thread, and its next write was refused with "An import is being written" — the form showed "Email or
 * password is incorrect." A use case that writes after an await now waits for the import's COMMIT (writeTxWhenFree).
 */
describe("a write after an await waits for an import's transaction instead of being refused", () => {
  test("writeTx is refused while an import's transaction is open; writeTxWhenFree waits for it and then writes", async () => {
    const { db } = testDb();
    const release = registerSliceWriter(sqliteOf(db), null)!;
    try {
      expect(() => writeTx(db, () => 1)).toThrow(IMPORT_WRITING_MESSAGE);
      let wrote = false;
      const p = writeTxWhenFree(db, (tx) => {
        wrote = true;
        return tx.get<{ n: number }>(sql`select 1 as n`)!.n;
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(wrote).toBe(false);
      release();
      await expect(p).resolves.toBe(1);
      expect(wrote).toBe(true);
    } finally {
      release();
    }
  });

  test("it gives up after its bound, refused with the sentence as before", async () => {
    const { db } = testDb();
    const release = registerSliceWriter(sqliteOf(db), null)!;
    try {
      const e = await writeTxWhenFree(db, () => 1, 30).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toBe(IMPORT_WRITING_MESSAGE);
    } finally {
      release();
    }
  });

  test("a sign-in whose password is being verified when an import begins opens its session after the import's COMMIT", async () => {
    const { db } = testDb();
    const user = await makeUser(db, { roles: ["contributor"], email: "jo@test.example" });
    const signingIn = signIn(db, { email: "jo@test.example", password: TEST_PASSWORD, client: "c1" });
    // The attempt was counted at once (before the password is verified); the import begins during the verification.
    const release = registerSliceWriter(sqliteOf(db), null)!;
    let settled = false;
    void signingIn.then(
      () => (settled = true),
      () => (settled = true),
    );
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      expect(db.get<{ n: number }>(sql`select count(*) as n from sessions`)!.n).toBe(0);
    } finally {
      release();
    }
    await expect(signingIn).resolves.toMatchObject({ userId: user.id });
    expect(db.get<{ n: number }>(sql`select count(*) as n from sessions`)!.n).toBe(1);
  });
});
