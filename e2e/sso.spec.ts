import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

/**
 * Signs in through the real OpenID provider (e2e/oidc-provider.mjs, started by playwright.config.ts): its development
 * login form, then its consent screen, when it asks for them (a provider session skips both).
 */
async function ssoSignIn(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Lakeside SSO" }).click();
  // To the provider, or (a provider session, no prompt) straight back: signed in, or refused with a reason.
  await page.waitForURL((u) => u.host.startsWith("127.0.0.1") || u.pathname !== "/sign-in" || u.searchParams.has("reason"));
  if (page.url().includes("127.0.0.1")) {
    const loginField = page.getByPlaceholder("Enter any login");
    if (await loginField.isVisible().catch(() => false)) {
      await loginField.fill(login);
      await page.getByPlaceholder("and password").fill("not checked by the dev provider");
      await page.getByRole("button", { name: "Sign-in" }).click();
    }
    const consent = page.getByRole("button", { name: "Continue" });
    await page.waitForURL((u) => !u.host.startsWith("127.0.0.1") || u.pathname.includes("/interaction/"));
    if (page.url().includes("127.0.0.1") && (await consent.isVisible().catch(() => false))) await consent.click();
  }
  await page.waitForURL((u) => u.host.startsWith("localhost"));
}

test("single sign-on: provisioned with the role its group maps to; deactivated in Clearline, refused whatever the provider says", async ({ page }) => {
  const name = `sso${Date.now().toString(36)}`;
  await signIn(page, DEMO.admin);
  await page.goto("/admin/sso");
  await page.getByLabel("Group (as the provider sends it)").fill("clearline-leadership");
  await page.getByLabel("Role").selectOption({ label: "Leadership" });
  await page.getByRole("button", { name: "Add mapping" }).click();
  await expect(page.getByText("Mapping saved.")).toBeVisible();
  await signOut(page);

  await ssoSignIn(page, `${name}.leader`);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(`SSO ${name} · Leadership`);
  await signOut(page);

  await signIn(page, DEMO.admin);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: `SSO ${name}` }).click();
  await page.getByRole("button", { name: "Deactivate user" }).click();
  await expect(page.getByText("User deactivated.")).toBeVisible();
  await signOut(page);

  await ssoSignIn(page, `${name}.leader`);
  await expect(page.getByText("Your Clearline account is deactivated.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
});
