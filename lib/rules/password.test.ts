import { describe, expect, test } from "vitest";
import { passwordProblems, PASSWORD_MIN_LENGTH } from "./password";

describe("password rules (NIST SP 800-63B: length, deny-list, no composition rules)", () => {
  test.each(["lakeside-demo-2026", "violet harbor lantern season", "correct horse staple battery", "tangerine meridian copper"])("accepts %j", (pw) => {
    expect(passwordProblems(pw)).toEqual([]);
  });

  test("requires at least 15 characters, saying how many there are", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(15);
    expect(passwordProblems("shortpassword1")[0]).toBe("Use at least 15 characters (this one has 14). A few unrelated words work well.");
    expect(passwordProblems("fifteen-chars-x")).toEqual([]);
  });

  test.each([
    "passwordpassword",
    "Password123456789",
    "qwertyuiopasdfgh",
    "aaaaaaaaaaaaaaaa",
    "123456789012345",
    "P@ssw0rdP@ssw0rd",
    "iloveyouiloveyou",
    "welcome2026!!!!!!",
  ])("refuses the common or breached-style %j", (pw) => {
    expect(passwordProblems(pw)[0]).toMatch(/too common or too easy to guess/);
  });

  test("no composition rules: all lowercase letters and spaces are fine", () => {
    expect(passwordProblems("the river bends slowly east")).toEqual([]);
  });

  test("refuses a password built on the email address", () => {
    expect(passwordProblems("jordan.lee-rocks-hard", { email: "jordan.lee@lakeside.example" })).toContain("Don't use your email address in your password.");
  });
});
