import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO, signIn, signOut } from "./fixtures";

/** The email/password form, then (when asked) the code step. */
async function signInWithCode(page: Page, email: string, password: string, code: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin-created user replaces the initial password, enrols an authenticator, signs in with a code, and a recovery code works once", async ({ page }) => {
  const email = `mfa-${Date.now().toString(36)}@lakeside.example`;
  const initial = "initial password from the admin 42";
  const own = "my own passphrase for clearline 7";

  await signIn(page, DEMO.admin);
  await page.goto("/admin/users");
  await page.getByLabel("Full name").fill("Morgan Factor");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill(initial);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`User ${email} created.`)).toBeVisible();
  await signOut(page);

  // First sign-in: nothing but the password change opens.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(initial);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Your password was set by an administrator.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/account\/security$/);
  await page.getByLabel("Current password").fill(initial);
  await page.getByLabel("New password").fill(own);
  await page.getByRole("button", { name: "Change password" }).click();

  // Enrolment: QR code and manual key; the code is computed here from the key the page shows.
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: /QR code for your authenticator app/ })).toBeVisible();
  const key = ((await page.getByTestId("totp-manual-key").textContent()) ?? "").replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill(await generate({ secret: key }));
  await page.getByRole("button", { name: "Confirm code" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await page.getByRole("link", { name: /I have stored my recovery codes/ }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await signOut(page);

  // Password alone is not enough now; the next 30-second step's code (the enrolment used this one) signs in.
  await signInWithCode(page, email, own, await generate({ secret: key, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await signOut(page);

  // A recovery code signs in once; the second time it is refused.
  await signInWithCode(page, email, own, codes[0]!);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await signOut(page);
  await signInWithCode(page, email, own, codes[0]!);
  await expect(page.getByText("That code is incorrect or was already used.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
});
