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

/** The provider's login form must really be shown (prompt=login): a silent SSO from its session would skip it. */
async function providerLogin(page: Page, login: string) {
  await page.waitForURL((u) => u.host.startsWith("127.0.0.1"));
  const loginField = page.getByPlaceholder("Enter any login");
  await expect(loginField).toBeVisible();
  await loginField.fill(login);
  await page.getByPlaceholder("and password").fill("not checked by the dev provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((u) => !u.host.startsWith("127.0.0.1") || u.pathname.includes("/interaction/"));
  const consent = page.getByRole("button", { name: "Continue" });
  if (page.url().includes("127.0.0.1") && (await consent.isVisible().catch(() => false))) await consent.click();
  await page.waitForURL((u) => u.host.startsWith("localhost"));
}

test("an SSO leader signs a decision by logging in again at the provider; the signature records that method; someone else's login is refused", async ({
  page,
}) => {
  const name = `signer${Date.now().toString(36)}`;
  const marker = `SSO-signed ${name}: CT on the imaging VLAN, vendor VPN off.`;
  await signIn(page, DEMO.admin);
  await page.goto("/admin/sso");
  await page.getByLabel("Group (as the provider sends it)").fill("clearline-leadership");
  await page.getByLabel("Role").selectOption({ label: "Leadership" });
  await page.getByRole("button", { name: "Add mapping" }).click();
  // The other SSO test may have mapped it first.
  await expect(page.getByText(/Mapping saved\.|This group is mapped already/).first()).toBeVisible();
  await signOut(page);

  // A decision for leadership to approve, written by the IT lead.
  await signIn(page, DEMO.itLead);
  await page.goto("/inventory/decisions");
  const form = page.getByRole("form", { name: "Record a replace-or-mitigate decision" });
  await form.getByLabel("Model").selectOption({ label: "Philips Brilliance 64" });
  await form.getByLabel("Decision").selectOption("mitigate");
  await form.getByLabel("Network segmentation").check();
  await form.getByLabel("Details").fill(marker);
  await form.getByLabel("Review date").fill(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Decision recorded. It takes effect when leadership approves it.")).toBeVisible();
  await signOut(page);

  await ssoSignIn(page, `${name}.leader`);
  await expect(page.getByRole("banner")).toContainText(`SSO ${name} · Leadership`);
  await page.goto("/inventory/decisions");
  const item = () => page.getByRole("listitem").filter({ hasText: marker });
  // No Clearline password to ask for: the form offers the provider instead.
  await expect(item().getByLabel("Your password")).toHaveCount(0);
  await item().getByRole("button", { name: "Approve and sign" }).click();
  await expect(item().getByText("Re-authenticate with your identity provider first: nothing was signed.")).toBeVisible();

  // Someone else logs in at the provider: refused, nothing signed.
  await item().getByRole("button", { name: "Re-authenticate with Lakeside SSO to sign" }).click();
  await providerLogin(page, `${name}.colleague`);
  await expect(item().getByText("You signed in at your identity provider as someone else: nothing was signed.")).toBeVisible();
  await expect(item().getByText("Awaiting leadership approval")).toBeVisible();

  // The signer logs in again (the provider has a session, so only prompt=login makes it ask): then signs.
  await item().getByRole("button", { name: "Re-authenticate with Lakeside SSO to sign" }).click();
  await providerLogin(page, `${name}.leader`);
  await expect(item().getByText("You re-authenticated with Lakeside SSO.")).toBeVisible();
  await item().getByRole("button", { name: "Approve and sign" }).click();
  await expect(item().getByText("Approved", { exact: true })).toBeVisible();
  await expect(item()).toContainText(`Approved and signed by SSO ${name} on`);
  await expect(item()).toContainText("(re-authenticated at the identity provider)");
});
