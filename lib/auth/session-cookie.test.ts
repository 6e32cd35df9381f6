import { encode } from "next-auth/jwt";
import { describe, expect, test } from "vitest";
import { sessionIdFromCookie } from "./session-cookie";

const SECRET = "a-test-secret-of-the-length-next-auth-wants-0123";

/** The cookie as next-auth writes it at sign-in (lib/auth/next-auth.ts puts only the session id in it). */
const cookie = (secret = SECRET, maxAge = 3600) => encode({ token: { sid: "session-1" }, secret, maxAge });

describe("session cookie (key derived once per secret)", () => {
  test("reads the session id from a cookie next-auth encoded, again and again with the same key", async () => {
    const token = await cookie();
    expect(await sessionIdFromCookie(token, SECRET)).toBe("session-1");
    expect(await sessionIdFromCookie(token, SECRET)).toBe("session-1");
    expect(await sessionIdFromCookie(await cookie(), SECRET)).toBe("session-1");
  });

  test("refuses a cookie under another secret, a tampered one, an expired one and garbage", async () => {
    const token = await cookie();
    await expect(sessionIdFromCookie(token, `${SECRET}-rotated`)).rejects.toThrow();
    await expect(sessionIdFromCookie(await cookie(`${SECRET}-other`), SECRET)).rejects.toThrow();
    const parts = token.split(".");
    const body = parts[3]!;
    parts[3] = (body[0] === "A" ? "B" : "A") + body.slice(1);
    await expect(sessionIdFromCookie(parts.join("."), SECRET)).rejects.toThrow();
    // Expired a minute ago: beyond next-auth's 15 s tolerance.
    await expect(sessionIdFromCookie(await cookie(SECRET, -60), SECRET)).rejects.toThrow();
    await expect(sessionIdFromCookie("not-a-jwe", SECRET)).rejects.toThrow();
  });
});
