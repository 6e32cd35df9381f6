import { describe, expect, test, vi } from "vitest";
import { signIn } from "@/lib/services/auth/sign-in";
import { THROTTLE } from "@/lib/rules/login-throttle";
import { makeUser, testDb, TEST_PASSWORD } from "../test-db";
import { clock } from "@/lib/clock";

// Counts every password the service hands to Argon2, so the tests measure verifications, not refusals.
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password-hash", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password-hash")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      verified.count++;
      return real.verifyPassword(hash, password);
    },
  };
});

const sleep = async () => {};
const EMAIL = "jo@test.example";

async function setup() {
  const { db } = testDb();
  await makeUser(db, { roles: ["contributor"], email: EMAIL });
  verified.count = 0;
  return { db };
}

function attempt(db: Parameters<typeof signIn>[0], client: string, password: string, now?: () => Date) {
  return signIn(db, { email: EMAIL, password, client }, { sleep, now }).then(
    () => "signed-in" as const,
    (e: { code?: string }) => (e.code === "RATE_LIMITED" ? ("limited" as const) : e.code === "UNAUTHENTICATED" ? ("wrong" as const) : Promise.reject(e)),
  );
}

describe("issue #10 finding 15: the attempt is counted before the password is verified", () => {
  test("100 parallel wrong passwords from one address: only the per-(account, address) allowance is verified", async () => {
    const { db } = await setup();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(db, "10.0.0.1", `wrong guess number ${i}`)));
    expect(verified.count).toBe(THROTTLE.pairLockAfter);
    expect(results.filter((r) => r === "wrong")).toHaveLength(THROTTLE.pairLockAfter);
    expect(results.filter((r) => r === "limited")).toHaveLength(100 - THROTTLE.pairLockAfter);
  });

  test("100 parallel wrong passwords, each from its own address: only the account ceiling is verified", async () => {
    const { db } = await setup();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(db, `10.1.0.${i}`, `wrong guess number ${i}`)));
    expect(verified.count).toBe(THROTTLE.accountCeiling);
    expect(results.filter((r) => r === "wrong")).toHaveLength(THROTTLE.accountCeiling);
  });

  test("the right password among 40 parallel guesses from one address does not get through after 39 checks", async () => {
    const { db } = await setup();
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 39 ? TEST_PASSWORD : `wrong guess number ${i}`));
    const results = await Promise.all(passwords.map((p) => attempt(db, "10.0.0.2", p)));
    expect(verified.count).toBe(THROTTLE.pairLockAfter);
    expect(results[39]).toBe("limited");
  });
});

describe("issue #10 finding 16: someone else's guesses do not lock the real user out", () => {
  test("8 wrong passwords from one address pause that address, not the real user at a clean one", async () => {
    const { db } = await setup();
    for (let i = 0; i < 8; i++) await attempt(db, "203.0.113.9", `wrong guess number ${i}`);
    expect(await attempt(db, "203.0.113.9", TEST_PASSWORD)).toBe("limited");
    expect(await attempt(db, "198.51.100.7", TEST_PASSWORD)).toBe("signed-in");
  });

  test("a distributed guesser gets a small number of guesses per hour; the real user still signs in from a known address", async () => {
    const { db } = await setup();
    const t0 = clock.ms();
    const at = (minutes: number) => () => new Date(t0 + minutes * 60_000);
    // The real user signed in from the office a week ago.
    expect(await attempt(db, "192.0.2.10", TEST_PASSWORD, at(-7 * 24 * 60))).toBe("signed-in");
    verified.count = 0;
    // Then a guesser with an endless supply of addresses tries 10 new addresses a minute for 3 hours.
    let guesses = 0;
    const midAttack: string[] = [];
    for (let minute = 0; minute < 180; minute++) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => attempt(db, `100.64.${minute}.${k}`, `guess ${minute}-${k}`, at(minute))));
      guesses += batch.filter((r) => r === "wrong").length;
      if (minute === 150) {
        // In the middle of the attack the real user signs in from the office; from a new address they must wait.
        midAttack.push(await attempt(db, "192.0.2.10", TEST_PASSWORD, at(minute)));
        midAttack.push(await attempt(db, "198.51.100.99", TEST_PASSWORD, at(minute)));
      }
    }
    expect(midAttack).toEqual(["signed-in", "limited"]);
    expect(verified.count).toBe(guesses + 1);
    // 1,800 guesses sent; the ceiling per rolling hour lets 20 an hour through: 60 in 3 hours.
    expect(guesses).toBe(3 * THROTTLE.accountCeiling);
    // Once the attack ebbs, a new address works again.
    expect(await attempt(db, "198.51.100.99", TEST_PASSWORD, at(180 + THROTTLE.accountWindowMinutes))).toBe("signed-in");
  });
});
